import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  commissionPeriods,
  company,
  distributors,
  orderLines,
  orders,
  products,
  type OrderStatus,
  type PaymentProviderId,
  type ShippingAddress,
} from "@/db/schema";
import { requireUser, type Viewer } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { withinCoolingOff } from "@/lib/orders/cooling-off";
import { syncOrderPayment } from "@/lib/payments/sync";
import { hashReceiptToken, receiptTokenPattern } from "@/lib/orders/receipts";
import { previewOrderCancel, type CancelPreview } from "@/lib/orders/cancel-preview";

export type { CancelPreview };

export interface OrderSummaryDto {
  id: number;
  kind: "personal" | "retail";
  status: OrderStatus;
  customerName: string | null;
  totalCents: number;
  pv: number;
  createdAt: string;
  /** The commission period it counts in; null until it is paid. */
  periodStartsOn: string | null;
}

export interface OrderDetailDto extends OrderSummaryDto {
  customerEmail: string | null;
  subtotalCents: number;
  shippingCents: number;
  shippingAddress: ShippingAddress | null;
  paymentProvider: PaymentProviderId | null;
  paymentError: string | null;
  paidAt: string | null;
  expiresAt: string | null;
  refundedAt: string | null;
  refundReason: string | null;
  lines: { productId: number; productName: string; quantity: number; unitPriceCents: number; unitPv: number }[];
  /** The buyer may still cancel it (paid, within the cooling-off window). */
  cancellable: boolean;
  /** Unpaid and still within its payment window: the buyer can pay it. */
  payable: boolean;
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

/** Orders per page of /dashboard/orders. */
export const MY_ORDERS_PAGE_SIZE = 25;

export interface MyOrdersPage {
  rows: OrderSummaryDto[];
  /** The viewer's orders matching the filter, on every page. */
  total: number;
  /** The page shown (a page past the end shows the last). */
  page: number;
}

/** A page of the viewer's own orders and their retail customers' orders, newest first (unpaid ones included, marked), and how many there are. */
export async function listMyOrders(filter: { kind?: "personal" | "retail"; page?: number } = {}): Promise<MyOrdersPage> {
  const viewer = await requireUser();
  const db = await getDb();
  const where = and(ownedBy(viewer), filter.kind ? eq(orders.kind, filter.kind) : undefined);
  const [counted] = await db.select({ n: count() }).from(orders).where(where);
  const total = counted?.n ?? 0;
  const page = Math.min(filter.page ?? 1, Math.max(1, Math.ceil(total / MY_ORDERS_PAGE_SIZE)));
  const rows = await db
    .select(summaryColumns)
    .from(orders)
    .leftJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId))
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(MY_ORDERS_PAGE_SIZE)
    .offset((page - 1) * MY_ORDERS_PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total, page };
}

const detailColumns = {
  ...summaryColumns,
  customerEmail: orders.customerEmail,
  subtotalCents: orders.subtotalCents,
  shippingCents: orders.shippingCents,
  shippingAddress: orders.shippingAddress,
  paymentProvider: orders.paymentProvider,
  paymentError: orders.paymentError,
  paidAt: orders.paidAt,
  expiresAt: orders.expiresAt,
  refundedAt: orders.refundedAt,
  refundReason: orders.refundReason,
};

async function detailOf(where: SQL): Promise<OrderDetailDto | null> {
  const db = await getDb();
  const [row] = await db.select(detailColumns).from(orders).leftJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId)).where(where);
  if (!row) return null;
  const lines = await db
    .select({
      productId: orderLines.productId,
      productName: products.name,
      quantity: orderLines.quantity,
      unitPriceCents: orderLines.unitPriceCents,
      unitPv: orderLines.unitPv,
    })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, row.id))
    .orderBy(orderLines.id);
  const at = now();
  const unpaid = row.status === "pending_payment" || row.status === "payment_failed";
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    refundedAt: row.refundedAt?.toISOString() ?? null,
    lines,
    cancellable: row.status === "paid" && row.paidAt !== null && withinCoolingOff(row.paidAt, at),
    payable: unpaid && row.expiresAt !== null && row.expiresAt > at,
  };
}

/** One of the viewer's orders, or null: another distributor's order is simply not found. */
export async function getMyOrder(orderId: number): Promise<OrderDetailDto | null> {
  const viewer = await requireUser();
  return detailOf(and(eq(orders.id, orderId), ownedBy(viewer))!);
}

/**
 * What cancelling one of the viewer's own orders would do to their PV, rank and
 * estimate (lib/orders/cancel-preview.ts); null for another's order or one that
 * cannot be cancelled.
 */
export async function getMyOrderCancelPreview(orderId: number): Promise<CancelPreview | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return null;
  const db = await getDb();
  // Only an order the viewer may still cancel: the preview runs the engine over the whole period.
  const [order] = await db
    .select({ paidAt: orders.paidAt })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.sellerId, viewer.distributorId)));
  if (!order?.paidAt || !withinCoolingOff(order.paidAt, now())) return null;
  return previewOrderCancel(db, orderId, viewer.distributorId);
}

/** Back from a provider's checkout: asks the provider about one of the viewer's unpaid orders (lib/payments/sync.ts). */
export async function syncMyOrderPayment(orderId: number): Promise<void> {
  const viewer = await requireUser();
  const db = await getDb();
  const [mine] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.id, orderId), ownedBy(viewer)));
  if (mine) await syncOrderPayment(db, mine.id, now());
}

/** Back from a provider's checkout: asks the provider about a guest's unpaid order, found by its receipt token. */
export async function syncReceiptPayment(token: string): Promise<void> {
  if (!receiptTokenPattern.test(token)) return;
  const db = await getDb();
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.receiptTokenHash, hashReceiptToken(token)));
  if (order) await syncOrderPayment(db, order.id, now());
}

/**
 * A guest's order by its receipt link: the unguessable token is the guest's
 * only key (no account), and only its hash is stored. Null for a malformed or
 * unknown token.
 */
export async function getReceipt(token: string): Promise<(OrderDetailDto & { currency: string; shopCode: string }) | null> {
  if (!receiptTokenPattern.test(token)) return null;
  const order = await detailOf(eq(orders.receiptTokenHash, hashReceiptToken(token)));
  if (!order) return null;
  const db = await getDb();
  const [row] = await db
    .select({ currency: company.currency, shopCode: distributors.referralCode })
    .from(orders)
    .innerJoin(distributors, eq(distributors.id, orders.sellerId))
    .innerJoin(company, eq(company.id, 1))
    .where(eq(orders.id, order.id));
  return { ...order, currency: row?.currency ?? "USD", shopCode: row?.shopCode ?? "" };
}
