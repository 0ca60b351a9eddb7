import crypto from "node:crypto";
import express, { type Express } from "express";
import { markOrder } from "./db";

/**
 * Checks a `Stripe-Signature` header ("t=<unix>,v1=<hex>[,v1=<hex>]"): the signed payload is
 * "<t>.<raw body>", signed with HMAC-SHA256. Compared in constant time, with a replay window.
 */
export function verifyStripeSignature(header: string | undefined, rawBody: Buffer, secret: string, toleranceSec = 300): boolean {
  if (!header || !secret) return false;
  const parts = header.split(",").map((part) => part.split("=") as [string, string]);
  const timestamp = parts.find(([key]) => key === "t")?.[1];
  const signatures = parts.filter(([key]) => key === "v1").map(([, value]) => Buffer.from(value, "hex"));
  if (!timestamp || signatures.length === 0) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSec) return false;
  const expected = crypto.createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
  return signatures.some((given) => given.length === expected.length && crypto.timingSafeEqual(given, expected));
}

export function registerWebhooks(app: Express): void {
  // Raw body on this route only: the signature covers the exact bytes Stripe sent.
  app.post("/webhooks/stripe", express.raw({ type: "application/json" }), async (req, res, next) => {
    try {
      const rawBody = req.body as Buffer;
      if (!verifyStripeSignature(req.get("Stripe-Signature"), rawBody, process.env.STRIPE_WEBHOOK_SECRET ?? "")) {
        res.status(400).send("invalid signature");
        return;
      }
      const event = JSON.parse(rawBody.toString("utf8"));
      if (event.type === "payment_intent.succeeded") {
        await markOrder(event.data.object.metadata.orderId, "paid");
      }
      res.sendStatus(204);
    } catch (err) {
      next(err);
    }
  });
}
