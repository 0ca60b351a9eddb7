const BASE = "https://api.shipping.example.com";

export interface ShippingQuote {
  carrier: string;
  priceCents: number;
  days: number;
}

export async function quoteShipping(postcode: string, weightGrams: number): Promise<ShippingQuote[]> {
  const res = await fetch(`${BASE}/v2/quotes?postcode=${encodeURIComponent(postcode)}&weight=${weightGrams}`);
  if (!res.ok) return [];
  const body = (await res.json()) as { quotes: ShippingQuote[] };
  return body.quotes;
}
