import { Pool } from "pg";

// One pool for the process; pg opens connections lazily on the first query.
export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export interface OrderRow {
  id: string;
  customer_id: string;
  sku: string;
  quantity: number;
  status: string;
  total_cents: number;
}

export async function insertOrder(order: Omit<OrderRow, "status">): Promise<OrderRow> {
  const { rows } = await pool.query<OrderRow>(
    `INSERT INTO orders (id, customer_id, sku, quantity, status, total_cents)
     VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING *`,
    [order.id, order.customer_id, order.sku, order.quantity, order.total_cents],
  );
  return rows[0];
}

export async function findOrder(id: string): Promise<OrderRow | undefined> {
  const { rows } = await pool.query<OrderRow>("SELECT * FROM orders WHERE id = $1", [id]);
  return rows[0];
}

export async function markOrder(id: string, status: string): Promise<void> {
  await pool.query("UPDATE orders SET status = $2 WHERE id = $1", [id, status]);
}
