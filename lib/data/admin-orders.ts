import "server-only";
import { and, asc, count, desc, eq, ilike, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { commissionPeriods, distributors, orders, users, type OrderStatus, type PaymentProviderId } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { ADMIN_ORDER_PAGE_SIZE, type AdminOrderFilter } from "@/lib/validation/admin-orders";

export interface AdminOrderDto {
  id: number;
  kind: "personal" | "retail";
  status: OrderStatus;
  sellerName: string;
  sellerCode: string;
  customerName: string | null;
  totalCents: number;
  pv: number;
  createdAt: string;
  /** The period it counts in; null until it is paid. */
  periodStartsOn: string | null;
  periodStatus: "open" | "closed" | null;
  provider: PaymentProviderId | null;
  /** The provider's payment (pi_…, demo_ch_…) once paid; while unpaid, its checkout session (cs_…), if one was started. */
  reference: string | null;
  referenceKind: "payment" | "session" | null;
  refundReference: string | null;
  /** Why the last payment attempt failed, as the provider put it. */
  paymentError: string | null;
  /** Set when its shop's sales jumped far above their history (lib/orders/flags.ts). */
  flagReason: string | null;
  /** An unpaid order can be paid until then. */
  expiresAt: string | null;
  /** The commission lines paid on it (a refund reverses or claws back exactly these): how many, and their total in minor units. */
  commissionLines: number;
  commissionCents: number;
}

export interface AdminOrderPage {
  rows: AdminOrderDto[];
  /** Orders that match the filters, on every page. */
  total: number;
  /** The page shown. */
  page: number;
}

/** One page of the company's orders, newest (or oldest) first, paid or not, and how many match; admins only. */
export async function listAdminOrders(filter: AdminOrderFilter): Promise<AdminOrderPage> {
  await requireAdmin();
  const db = await getDb();
  const where: SQL[] = [];
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.kind) where.push(eq(orders.kind, filter.kind));
  if (filter.flagged) where.push(isNotNull(orders.flagReason));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const id = /^#?\d{1,9}$/.test(filter.q) ? Number(filter.q.replace("#", "")) : null;
    where.push(
      or(
        ilike(users.name, like),
        ilike(distributors.referralCode, like),
        ilike(orders.customerName, like),
        ilike(orders.customerEmail, like),
        // A support request quotes the provider's reference: pi_…, cs_…, demo_ch_….
        ilike(orders.paymentReference, like),
        ilike(orders.paymentSession, like),
        id === null ? undefined : eq(orders.id, id),
      )!,
    );
  }
  const matching = where.length ? and(...where) : sql`true`;
  // The seller's name and code are only needed to count when the search may match them.
  const [counted] = filter.q
    ? await db
        .select({ n: count() })
        .from(orders)
        .innerJoin(distributors, eq(distributors.id, orders.sellerId))
        .innerJoin(users, eq(users.id, distributors.userId))
        .where(matching)
    : await db.select({ n: count() }).from(orders).where(matching);
  const total = counted?.n ?? 0;
  const page = Math.min(filter.page, Math.max(1, Math.ceil(total / ADMIN_ORDER_PAGE_SIZE)));
  const rows = await db
    .select({
      id: orders.id,
      kind: orders.kind,
      status: orders.status,
      sellerName: users.name,
      sellerCode: distributors.referralCode,
      customerName: orders.customerName,
      totalCents: orders.totalCents,
      pv: orders.pv,
      createdAt: orders.createdAt,
      periodStartsOn: commissionPeriods.startsOn,
      periodStatus: commissionPeriods.status,
      provider: orders.paymentProvider,
      paymentReference: orders.paymentReference,
      paymentSession: orders.paymentSession,
      refundReference: orders.refundReference,
      paymentError: orders.paymentError,
      flagReason: orders.flagReason,
      expiresAt: orders.expiresAt,
      commissionLines: sql<number>`(select count(*) from commission_ledger l where l.order_id = ${orders.id} and l.kind = 'commission')`.mapWith(Number),
      commissionCents:
        sql<number>`(select coalesce(sum(l.amount_cents), 0) from commission_ledger l where l.order_id = ${orders.id} and l.kind = 'commission')`.mapWith(
          Number,
        ),
    })
    .from(orders)
    .innerJoin(distributors, eq(distributors.id, orders.sellerId))
    .innerJoin(users, eq(users.id, distributors.userId))
    // Unpaid orders belong to no period yet.
    .leftJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId))
    .where(matching)
    // The one sort key, "created", reads the (created_at, id) index forwards or backwards.
    .orderBy(...(filter.dir === "asc" ? [asc(orders.createdAt), asc(orders.id)] : [desc(orders.createdAt), desc(orders.id)]))
    .limit(ADMIN_ORDER_PAGE_SIZE)
    .offset((page - 1) * ADMIN_ORDER_PAGE_SIZE);
  return {
    rows: rows.map(({ paymentReference, paymentSession, createdAt, expiresAt, ...r }) => ({
      ...r,
      reference: paymentReference ?? paymentSession,
      referenceKind: paymentReference ? "payment" : paymentSession ? "session" : null,
      createdAt: createdAt.toISOString(),
      expiresAt: expiresAt?.toISOString() ?? null,
    })),
    total,
    page,
  };
}
