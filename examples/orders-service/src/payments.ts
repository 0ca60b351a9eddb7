export interface PaymentResult {
  id: string;
  status: "succeeded" | "requires_action" | "failed";
}

export class PaymentError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`payments API answered ${status}: ${detail}`);
  }
}

/** Charges an order. The order id doubles as the idempotency key, so a retried charge is safe. */
export async function chargeOrder(orderId: string, amountCents: number): Promise<PaymentResult> {
  const res = await fetch(`${process.env.PAYMENTS_URL}/charges`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${process.env.PAYMENTS_TOKEN}`,
      "idempotency-key": orderId,
    },
    body: JSON.stringify({ orderId, amount: amountCents, currency: "usd" }),
  });
  if (!res.ok) throw new PaymentError(res.status, await res.text());
  return (await res.json()) as PaymentResult;
}
