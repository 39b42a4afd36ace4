import "server-only";
import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { commissionPeriods, distributors, orders, users } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { searchText } from "@/lib/validation/input";

export interface AdminOrderDto {
  id: number;
  kind: "personal" | "retail";
  status: "paid" | "refunded" | "cancelled";
  sellerName: string;
  sellerCode: string;
  customerName: string | null;
  totalCents: number;
  pv: number;
  createdAt: string;
  periodStartsOn: string;
  periodStatus: "open" | "closed";
}

export interface AdminOrderFilter {
  status?: "paid" | "refunded" | "cancelled";
  kind?: "personal" | "retail";
  q?: string;
}

export function parseAdminOrderFilter(params: Record<string, string | string[] | undefined>): AdminOrderFilter {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const status = one(params.status);
  const kind = one(params.kind);
  const q = searchText(params.q);
  return {
    status: status === "paid" || status === "refunded" || status === "cancelled" ? status : undefined,
    kind: kind === "personal" || kind === "retail" ? kind : undefined,
    q,
  };
}

/** Every order of the company, newest first; admins only. */
export async function listAdminOrders(filter: AdminOrderFilter): Promise<AdminOrderDto[]> {
  await requireAdmin();
  const db = await getDb();
  const where: SQL[] = [];
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.kind) where.push(eq(orders.kind, filter.kind));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const id = /^#?\d{1,9}$/.test(filter.q) ? Number(filter.q.replace("#", "")) : null;
    where.push(
      or(ilike(users.name, like), ilike(distributors.referralCode, like), ilike(orders.customerName, like), id === null ? undefined : eq(orders.id, id))!,
    );
  }
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
    })
    .from(orders)
    .innerJoin(distributors, eq(distributors.id, orders.sellerId))
    .innerJoin(users, eq(users.id, distributors.userId))
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId))
    .where(where.length ? and(...where) : sql`true`)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(200);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
