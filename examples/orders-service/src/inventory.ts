import axios from "axios";

// The inventory service (examples/inventory-go) owns stock levels.
const inventory = axios.create({ baseURL: process.env.INVENTORY_URL, timeout: 5000 });

export async function getStock(sku: string): Promise<number> {
  const { data } = await inventory.get<{ sku: string; available: number }>(`/stock/${encodeURIComponent(sku)}`);
  return data.available;
}

export async function reserveStock(sku: string, quantity: number, orderId: string): Promise<void> {
  await inventory.post("/reservations", { sku, quantity, orderId });
}
