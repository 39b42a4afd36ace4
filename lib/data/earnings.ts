import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { commissionLedger, commissionPeriods, distributors, orders, users } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { parseSkipped } from "@/lib/ledger/skipped";
import type { EarningsFilter } from "@/lib/validation/earnings";

export interface EarningsLineDto {
  id: number;
  periodId: number;
  periodStartsOn: string;
  pending: boolean;
  kind: "commission" | "clawback";
  orderId: number;
  orderKind: "personal" | "retail";
  orderDate: string;
  sellerName: string;
  /** Sponsor steps from the viewer down to the seller (0: the viewer's own sale). */
  generation: number;
  level: number;
  rateBps: number;
  amountCents: number;
  skipped: { name: string; reason: "inactive" | "terminated" }[];
}

export interface EarningsDto {
  periods: { id: number; startsOn: string; status: "open" | "closed"; updating: boolean }[];
  lines: EarningsLineDto[];
  /** Totals of the filtered lines. */
  byLevel: { level: number; amountCents: number; lines: number }[];
  pendingCents: number;
  closedCents: number;
  /** More lines matched than are listed. */
  truncated: boolean;
}

const LIMIT = 1_000;

/** The viewer's own ledger lines (as beneficiary), with "why this amount". */
export async function getMyEarnings(filter: EarningsFilter, limit = LIMIT): Promise<EarningsDto> {
  const viewer = await requireUser();
  const db = await getDb();
  const periods = await db
    .select({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn, status: commissionPeriods.status, updating: commissionPeriods.needsRecompute })
    .from(commissionPeriods)
    .orderBy(desc(commissionPeriods.startsOn));
  if (viewer.distributorId === null) return { periods, lines: [], byLevel: [], pendingCents: 0, closedCents: 0, truncated: false };

  const sellerDistributor = alias(distributors, "seller_distributor");
  const sellerUser = alias(users, "seller_user");
  const where: SQL[] = [eq(commissionLedger.beneficiaryId, viewer.distributorId)];
  if (filter.period !== undefined) where.push(eq(commissionLedger.periodId, filter.period));
  if (filter.level !== undefined) where.push(eq(commissionLedger.level, filter.level));
  if (filter.state) where.push(eq(commissionPeriods.status, filter.state === "pending" ? "open" : "closed"));

  const rows = await db
    .select({
      id: commissionLedger.id,
      periodId: commissionLedger.periodId,
      periodStartsOn: commissionPeriods.startsOn,
      periodStatus: commissionPeriods.status,
      kind: commissionLedger.kind,
      orderId: commissionLedger.orderId,
      orderKind: orders.kind,
      orderDate: orders.createdAt,
      sellerName: sellerUser.name,
      generation: commissionLedger.generation,
      level: commissionLedger.level,
      rateBps: commissionLedger.rateBps,
      amountCents: commissionLedger.amountCents,
      skipped: commissionLedger.skipped,
    })
    .from(commissionLedger)
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, commissionLedger.periodId))
    .innerJoin(orders, eq(orders.id, commissionLedger.orderId))
    .innerJoin(sellerDistributor, eq(sellerDistributor.id, commissionLedger.sellerId))
    .innerJoin(sellerUser, eq(sellerUser.id, sellerDistributor.userId))
    .where(and(...where))
    .orderBy(desc(commissionPeriods.startsOn), desc(orders.createdAt), desc(commissionLedger.orderId), commissionLedger.level)
    .limit(limit + 1);

  const [totals] = await db
    .select({
      pending: sql<string>`coalesce(sum(${commissionLedger.amountCents}) filter (where ${commissionPeriods.status} = 'open'), 0)`,
      closed: sql<string>`coalesce(sum(${commissionLedger.amountCents}) filter (where ${commissionPeriods.status} = 'closed'), 0)`,
    })
    .from(commissionLedger)
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, commissionLedger.periodId))
    .where(and(...where));
  const byLevel = await db
    .select({ level: commissionLedger.level, amountCents: sql<string>`sum(${commissionLedger.amountCents})`, lines: sql<number>`count(*)::int` })
    .from(commissionLedger)
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, commissionLedger.periodId))
    .where(and(...where))
    .groupBy(commissionLedger.level)
    .orderBy(commissionLedger.level);

  const listed = rows.slice(0, limit);
  const skippedIds = [...new Set(listed.flatMap((r) => parseSkipped(r.skipped).map((s) => s.id)))];
  const names = new Map<number, string>();
  if (skippedIds.length > 0) {
    const found = await db
      .select({ id: distributors.id, name: users.name })
      .from(distributors)
      .innerJoin(users, eq(users.id, distributors.userId))
      .where(inArray(distributors.id, skippedIds));
    for (const f of found) names.set(f.id, f.name);
  }
  return {
    periods,
    lines: listed.map(({ skipped, periodStatus, orderDate, ...r }) => ({
      ...r,
      pending: periodStatus === "open",
      orderDate: orderDate.toISOString(),
      skipped: parseSkipped(skipped).map((s) => ({ name: names.get(s.id) ?? `#${s.id}`, reason: s.reason })),
    })),
    byLevel: byLevel.map((b) => ({ level: b.level, amountCents: Number(b.amountCents), lines: b.lines })),
    pendingCents: Number(totals?.pending ?? 0),
    closedCents: Number(totals?.closed ?? 0),
    truncated: rows.length > limit,
  };
}
