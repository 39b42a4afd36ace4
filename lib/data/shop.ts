import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { products } from "@/db/schema";

export interface ProductDto {
  id: number;
  name: string;
  description: string;
  imageUrl: string | null;
  priceCents: number;
  pv: number;
}

export interface CartLineDto extends ProductDto {
  quantity: number;
  lineCents: number;
  linePv: number;
}

const productColumns = {
  id: products.id,
  name: products.name,
  description: products.description,
  imageUrl: products.imageUrl,
  priceCents: products.priceCents,
  pv: products.pv,
};

/** The active catalog, for shoppers (signed in, or a retail customer on a referral shop). */
export async function listShopProducts(): Promise<ProductDto[]> {
  const db = await getDb();
  return db.select(productColumns).from(products).where(eq(products.active, true)).orderBy(asc(products.name));
}

/** Prices a cart from the catalog: unknown or archived products are reported, never priced from input. */
export async function quoteCart(items: { productId: number; quantity: number }[]): Promise<{ lines: CartLineDto[]; missing: boolean }> {
  if (items.length === 0) return { lines: [], missing: false };
  const db = await getDb();
  const rows = await db
    .select(productColumns)
    .from(products)
    .where(
      and(
        eq(products.active, true),
        inArray(
          products.id,
          items.map((i) => i.productId),
        ),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines: CartLineDto[] = [];
  for (const item of items) {
    const p = byId.get(item.productId);
    if (p) lines.push({ ...p, quantity: item.quantity, lineCents: p.priceCents * item.quantity, linePv: p.pv * item.quantity });
  }
  return { lines, missing: lines.length !== items.length };
}
