import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { buybackOrders, buybackRequests, distributors, users } from "@/db/schema";
import { requireAdmin, requireUser } from "@/lib/auth/session";
import { buybackEffect, listEligibleOrders, type EligibleOrder } from "@/lib/buyback/requests";
import type { Executor } from "@/lib/ledger/db";

export interface BuybackRequestDto {
  id: number;
  distributorId: number;
  distributorName: string;
  status: "pending" | "approved" | "rejected";
  requestedAt: Date;
  decidedAt: Date | null;
  rejectReason: string | null;
  rateBps: number;
  orders: { orderId: number; refundCents: number }[];
  refundCents: number;
  /** Pending only: the commission lines approving reverses, and their total. */
  commission: { lines: number; cents: number } | null;
}

async function requestsWhere(db: Executor, where: { distributorId?: number }, limit: number): Promise<BuybackRequestDto[]> {
  const rows = await db
    .select({
      id: buybackRequests.id,
      distributorId: buybackRequests.distributorId,
      distributorName: users.name,
      status: buybackRequests.status,
      requestedAt: buybackRequests.requestedAt,
      decidedAt: buybackRequests.decidedAt,
      rejectReason: buybackRequests.rejectReason,
      rateBps: buybackRequests.rateBps,
    })
    .from(buybackRequests)
    .innerJoin(distributors, eq(distributors.id, buybackRequests.distributorId))
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(where.distributorId === undefined ? undefined : eq(buybackRequests.distributorId, where.distributorId))
    // Pending first, then the latest.
    .orderBy(desc(eq(buybackRequests.status, "pending")), desc(buybackRequests.requestedAt), desc(buybackRequests.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db
    .select({ requestId: buybackOrders.requestId, orderId: buybackOrders.orderId, refundCents: buybackOrders.refundCents })
    .from(buybackOrders)
    .where(inArray(buybackOrders.requestId, ids))
    .orderBy(buybackOrders.orderId);
  const effects = await buybackEffect(
    db,
    rows.filter((r) => r.status === "pending").map((r) => r.id),
  );
  return rows.map((r) => {
    const orders = items.filter((i) => i.requestId === r.id).map(({ orderId, refundCents }) => ({ orderId, refundCents }));
    const effect = effects.get(r.id);
    return {
      ...r,
      orders,
      refundCents: orders.reduce((sum, o) => sum + o.refundCents, 0),
      commission: effect ? { lines: effect.lines, cents: effect.commissionCents } : null,
    };
  });
}

/** The buyback queue: pending requests first, then the latest decided (200 in all); admins only. */
export async function listAdminBuybackRequests(): Promise<BuybackRequestDto[]> {
  await requireAdmin();
  return requestsWhere(await getDb(), {}, 200);
}

/** A distributor's name, whether they left, their returnable orders and their requests; admins only. Null: no such distributor. */
export async function getAdminDistributorBuyback(
  distributorId: number,
  now: Date,
): Promise<{ name: string; leaving: boolean; eligible: EligibleOrder[]; requests: BuybackRequestDto[] } | null> {
  await requireAdmin();
  const db = await getDb();
  const [d] = await db
    .select({ name: users.name, status: distributors.status })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(eq(distributors.id, distributorId));
  if (!d) return null;
  return {
    name: d.name,
    leaving: d.status === "terminated",
    eligible: await listEligibleOrders(db, distributorId, now),
    requests: await requestsWhere(db, { distributorId }, 50),
  };
}

/** The signed-in distributor's returnable orders (only once they are leaving: terminated) and their requests. */
export async function getMyBuyback(now: Date): Promise<{ leaving: boolean; eligible: EligibleOrder[]; requests: BuybackRequestDto[] } | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return null;
  const db = await getDb();
  return {
    leaving: viewer.terminated,
    eligible: viewer.terminated ? await listEligibleOrders(db, viewer.distributorId, now) : [],
    requests: await requestsWhere(db, { distributorId: viewer.distributorId }, 50),
  };
}
