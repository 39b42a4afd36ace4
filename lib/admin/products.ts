import { and, asc, count, desc, eq, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderLines, products } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";
import { PRODUCT_PAGE_SIZE, type ProductInput, type ProductListQuery } from "@/lib/validation/admin-products";
import { recordAudit } from "./audit";
import { AdminError, sqlState, UNIQUE_VIOLATION } from "./errors";

export interface AdminProductDto {
  id: number;
  sku: string;
  name: string;
  description: string;
  imageUrl: string | null;
  priceCents: number;
  pv: number;
  cvCents: number;
  active: boolean;
  updatedAt: string;
  /** Order lines that reference it: such a product can be archived, never deleted. */
  orderLines: number;
}

type ProductRow = typeof products.$inferSelect;

/** The audited shape of a product: its catalog fields, nothing derived. */
function snapshot(p: ProductRow) {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    imageUrl: p.imageUrl,
    priceCents: p.priceCents,
    pv: p.pv,
    cvCents: p.cvCents,
    active: p.active,
  };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const sortColumns = {
  name: sql`lower(${products.name})`,
  sku: products.sku,
  price: products.priceCents,
  pv: products.pv,
  cv: products.cvCents,
  updated: products.updatedAt,
} as const;

// Spelled out: drizzle renders a column in a select list unqualified ("id"), which
// inside this subquery would mean order_lines.id.
const orderLineCount = sql<number>`(select count(*)::int from order_lines ol where ol.product_id = products.id)`;

/** One page of the catalog, searched, filtered and sorted in SQL. */
export async function listProducts(db: Executor, query: ProductListQuery): Promise<{ rows: AdminProductDto[]; total: number }> {
  const where: SQL[] = [];
  if (query.status === "active") where.push(eq(products.active, true));
  if (query.status === "archived") where.push(eq(products.active, false));
  if (query.q) where.push(or(ilike(products.name, likePattern(query.q)), ilike(products.sku, likePattern(query.q)))!);
  const condition = where.length ? and(...where) : undefined;
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [totals]] = await Promise.all([
    db
      .select({ product: products, orderLines: orderLineCount })
      .from(products)
      .where(condition)
      .orderBy(order(sortColumns[query.sort]), order(products.id))
      .limit(PRODUCT_PAGE_SIZE)
      .offset((query.page - 1) * PRODUCT_PAGE_SIZE),
    db.select({ n: count() }).from(products).where(condition),
  ]);
  return { rows: rows.map((r) => toDto(r.product, r.orderLines)), total: totals?.n ?? 0 };
}

export async function getProduct(db: Executor, id: number): Promise<AdminProductDto | null> {
  const [row] = await db.select({ product: products, orderLines: orderLineCount }).from(products).where(eq(products.id, id));
  return row ? toDto(row.product, row.orderLines) : null;
}

function toDto(p: ProductRow, lines: number): AdminProductDto {
  return { ...snapshot(p), id: p.id, updatedAt: p.updatedAt.toISOString(), orderLines: Number(lines) };
}

async function assertSkuFree(tx: Executor, sku: string, exceptId?: number): Promise<void> {
  const [clash] = await tx
    .select({ name: products.name })
    .from(products)
    .where(and(sql`lower(${products.sku}) = lower(${sku})`, exceptId === undefined ? undefined : ne(products.id, exceptId)))
    .limit(1);
  if (clash) throw new AdminError(`This SKU is already used by ${clash.name}.`, "sku");
}

/** Two admins saving the same SKU at once: the unique index decides, and the loser gets the same message. */
function skuRace(error: unknown): never {
  if (sqlState(error) === UNIQUE_VIOLATION) throw new AdminError("This SKU is already used by another product.", "sku");
  throw error;
}

export async function createProduct(db: Database, actorUserId: number, input: ProductInput): Promise<{ id: number }> {
  return db
    .transaction(async (tx) => {
      await assertSkuFree(tx, input.sku);
      const [row] = await tx.insert(products).values(input).returning();
      await recordAudit(tx, { actorUserId, action: "product.create", entity: "product", entityId: row!.id, after: snapshot(row!) });
      return { id: row!.id };
    })
    .catch(skuRace);
}

/**
 * Saves a product's catalog fields. Orders copied the price and volumes they
 * were placed with (order_lines), so no existing order changes.
 */
export async function updateProduct(db: Database, actorUserId: number, id: number, input: ProductInput): Promise<{ changed: boolean }> {
  return db
    .transaction(async (tx) => {
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for("update");
      if (!before) throw new AdminError("This product does not exist.");
      const old = snapshot(before);
      if (JSON.stringify(old) === JSON.stringify({ ...old, ...input })) return { changed: false };
      await assertSkuFree(tx, input.sku, id);
      const [after] = await tx
        .update(products)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(products.id, id))
        .returning();
      await recordAudit(tx, { actorUserId, action: "product.update", entity: "product", entityId: id, before: old, after: snapshot(after!) });
      return { changed: true };
    })
    .catch(skuRace);
}

/** Archiving hides a product from the shop; its orders keep pointing at it. */
export async function setProductArchived(db: Database, actorUserId: number, id: number, archived: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, id)).for("update");
    if (!before) throw new AdminError("This product does not exist.");
    if (before.active === !archived) throw new AdminError(archived ? "This product is already archived." : "This product is already active.");
    const [after] = await tx
      .update(products)
      .set({ active: !archived, updatedAt: sql`now()` })
      .where(eq(products.id, id))
      .returning();
    await recordAudit(tx, {
      actorUserId,
      action: archived ? "product.archive" : "product.restore",
      entity: "product",
      entityId: id,
      before: snapshot(before),
      after: snapshot(after!),
    });
  });
}

/** Deletes a product no order ever used (a mistake); one with orders can only be archived. */
export async function deleteProduct(db: Database, actorUserId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, id)).for("update");
    if (!before) throw new AdminError("This product does not exist.");
    // The row lock above makes an order placed meanwhile wait; the foreign key is the last word anyway.
    const [used] = await tx.select({ n: count() }).from(orderLines).where(eq(orderLines.productId, id));
    if ((used?.n ?? 0) > 0) throw new AdminError("This product has orders: archive it instead, so its orders keep their history.");
    await tx.delete(products).where(eq(products.id, id));
    await recordAudit(tx, { actorUserId, action: "product.delete", entity: "product", entityId: id, before: snapshot(before) });
  });
}
