import { randomUUID } from "node:crypto";
import express from "express";
import { cacheOrder, connectCache, getCachedOrder } from "./cache";
import { findOrder, insertOrder } from "./db";
import { getStock, reserveStock } from "./inventory";
import { chargeOrder } from "./payments";
import { quoteShipping } from "./shipping";
import { registerWebhooks } from "./webhooks";

const UNIT_PRICE_CENTS = 1299;

const app = express();
registerWebhooks(app); // before express.json(), so the webhook route sees the raw body
app.use(express.json());

app.get("/health", (_req, res) => {
  res.json({ ok: true });
});

app.post("/orders", async (req, res, next) => {
  try {
    const { customerId, sku, quantity } = req.body as { customerId: string; sku: string; quantity: number };
    if ((await getStock(sku)) < quantity) {
      res.status(409).json({ error: "out of stock" });
      return;
    }
    const id = randomUUID();
    const total = UNIT_PRICE_CENTS * quantity;
    const payment = await chargeOrder(id, total);
    if (payment.status === "failed") {
      res.status(402).json({ error: "payment failed" });
      return;
    }
    const order = await insertOrder({ id, customer_id: customerId, sku, quantity, total_cents: total });
    await reserveStock(sku, quantity, id);
    await cacheOrder(order);
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
});

app.get("/orders/:id", async (req, res, next) => {
  try {
    const order = (await getCachedOrder(req.params.id)) ?? (await findOrder(req.params.id));
    if (!order) {
      res.sendStatus(404);
      return;
    }
    await cacheOrder(order);
    res.json(order);
  } catch (err) {
    next(err);
  }
});

app.get("/orders/:id/shipping-quotes", async (req, res, next) => {
  try {
    res.json(await quoteShipping(String(req.query.postcode ?? ""), Number(req.query.weight ?? 500)));
  } catch (err) {
    next(err);
  }
});

const port = Number(process.env.PORT ?? 3000);
void connectCache().then(() => {
  app.listen(port, () => console.log(`orders-service listening on :${port}`));
});
