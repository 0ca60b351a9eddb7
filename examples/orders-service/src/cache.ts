import { createClient } from "redis";
import type { OrderRow } from "./db";

// Orders are cached for a minute. The cache is a convenience: callers fall back to the database.
export const cache = createClient({ url: process.env.REDIS_URL });
cache.on("error", (err: Error) => console.error("cache error:", err.message));

export async function connectCache(): Promise<void> {
  await cache.connect();
}

export async function getCachedOrder(id: string): Promise<OrderRow | undefined> {
  const raw = await cache.get(`order:${id}`);
  return raw ? (JSON.parse(raw) as OrderRow) : undefined;
}

export async function cacheOrder(order: OrderRow): Promise<void> {
  await cache.set(`order:${order.id}`, JSON.stringify(order), { EX: 60 });
}
