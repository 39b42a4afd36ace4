import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { commissionPeriods, orderLines, orders, products } from "@/db/schema";
import { requireUser, type Viewer } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { withinCoolingOff } from "@/lib/orders/cooling-off";

export interface OrderSummaryDto {
  id: number;
  kind: "personal" | "retail";
  status: "paid" | "refunded" | "cancelled";
  customerName: string | null;
  totalCents: number;
  pv: number;
  createdAt: string;
  periodStartsOn: string;
}

export interface OrderDetailDto extends OrderSummaryDto {
  customerEmail: string | null;
  refundedAt: string | null;
  refundReason: string | null;
  lines: { productName: string; quantity: number; unitPriceCents: number; unitPv: number }[];
  /** The buyer may still cancel it (paid, within the cooling-off window). */
  cancellable: boolean;
}

// The access rule lives in the query: a distributor's orders are those they sold.
function ownedBy(viewer: Viewer): SQL {
  return viewer.distributorId === null ? sql`false` : eq(orders.sellerId, viewer.distributorId);
}

const summaryColumns = {
  id: orders.id,
  kind: orders.kind,
  status: orders.status,
  customerName: orders.customerName,
  totalCents: orders.totalCents,
  pv: orders.pv,
  createdAt: orders.createdAt,
  periodStartsOn: commissionPeriods.startsOn,
};

/** The viewer's own orders and their retail customers' orders, newest first. */
export async function listMyOrders(filter: { kind?: "personal" | "retail" } = {}): Promise<OrderSummaryDto[]> {
  const viewer = await requireUser();
  const db = await getDb();
  const rows = await db
    .select(summaryColumns)
    .from(orders)
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId))
    .where(and(ownedBy(viewer), filter.kind ? eq(orders.kind, filter.kind) : undefined))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(200);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One of the viewer's orders, or null: another distributor's order is simply not found. */
export async function getMyOrder(orderId: number): Promise<OrderDetailDto | null> {
  const viewer = await requireUser();
  const db = await getDb();
  const [row] = await db
    .select({ ...summaryColumns, customerEmail: orders.customerEmail, refundedAt: orders.refundedAt, refundReason: orders.refundReason })
    .from(orders)
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId))
    .where(and(eq(orders.id, orderId), ownedBy(viewer)));
  if (!row) return null;
  const lines = await db
    .select({ productName: products.name, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents, unitPv: orderLines.unitPv })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(orderLines.id);
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    refundedAt: row.refundedAt?.toISOString() ?? null,
    lines,
    cancellable: row.status === "paid" && withinCoolingOff(row.createdAt, now()),
  };
}
