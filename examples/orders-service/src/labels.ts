// Display labels for catalogue items, kept in process memory. Nothing in this file leaves the
// process, even though some names here look like integrations.

export interface OrderLine {
  sku: string;
  quantity: number;
  available: number;
}

const labels = new Map<string, string>();

// Module-scoped helper that shadows the global fetch: it only reads the map above.
function fetch(sku: string): string | undefined {
  return labels.get(sku);
}

export function rememberLabel(sku: string, label: string): void {
  labels.set(sku, label);
}

export function labelFor(sku: string): string {
  return fetch(sku) ?? sku;
}

export function firstBackordered(lines: OrderLine[]): OrderLine | undefined {
  return lines.find((line) => line.quantity > line.available);
}

export function sizeLabel(code: string): string {
  return ["S", "M", "L", "XL"].find((size) => size === code.toUpperCase()) ?? "one size";
}

// If labels ever need sharing between replicas, they could move to redis.
export const motto = "postgres is great";
