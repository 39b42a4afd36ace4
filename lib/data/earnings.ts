import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@/db/client";
import { commissionLedger, commissionPeriods, distributors, orders, users } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { parseSkipped } from "@/lib/ledger/skipped";
import type { EarningsFilter } from "@/lib/validation/earnings";

/** Lines per page of /dashboard/earnings. */
export const EARNINGS_PAGE_SIZE = 50;
/** The CSV export's cap. */
export const EARNINGS_EXPORT_LIMIT = 100_000;

export interface EarningsLineDto {
  id: number;
  periodId: number;
  periodStartsOn: string;
  pending: boolean;
  kind: "commission" | "clawback";
  orderId: number;
  orderKind: "personal" | "retail";
  orderDate: string;
  /** The order's commissionable value: the base the line's rate applies to. */
  cvCents: number;
  sellerName: string;
  /** Sponsor steps from the viewer down to the seller (0: the viewer's own sale). */
  generation: number;
  level: number;
  rateBps: number;
  amountCents: number;
  skipped: { name: string; reason: "inactive" | "terminated" }[];
}

/** A period with matching lines: its total and count over every matching line, not only the page's. */
export interface EarningsPeriodTotalDto {
  periodId: number;
  startsOn: string;
  pending: boolean;
  amountCents: number;
  lines: number;
}

/** The page's lines of one period, under that period's totals. */
export interface EarningsGroupDto extends EarningsPeriodTotalDto {
  /** 1-based position in the period of the group's first line. */
  from: number;
  items: EarningsLineDto[];
}

export interface EarningsDto {
  periods: { id: number; startsOn: string; status: "open" | "closed"; updating: boolean }[];
  /** Newest period first, only periods with matching lines. */
  periodTotals: EarningsPeriodTotalDto[];
  /** This page's lines, by period, newest period first. */
  groups: EarningsGroupDto[];
  /** Matching lines in all, and the page shown (clamped to the last page). */
  total: number;
  page: number;
  pageSize: number;
  /** Totals of the matching lines. */
  byLevel: { level: number; amountCents: number; lines: number }[];
  pendingCents: number;
  closedCents: number;
}

type Period = EarningsDto["periods"][number];

function listPeriods(db: Database): Promise<Period[]> {
  return db
    .select({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn, status: commissionPeriods.status, updating: commissionPeriods.needsRecompute })
    .from(commissionPeriods)
    .orderBy(desc(commissionPeriods.startsOn));
}

/**
 * The viewer's matching lines per period and level, from the ledger's (beneficiary, period, level,
 * amount) index alone (an index-only scan, however large the team), and the periods they fall in.
 */
async function summarize(db: Database, beneficiaryId: number, filter: EarningsFilter) {
  const periods = await listPeriods(db);
  const where: SQL[] = [eq(commissionLedger.beneficiaryId, beneficiaryId)];
  if (filter.period !== undefined) where.push(eq(commissionLedger.periodId, filter.period));
  if (filter.level !== undefined) where.push(eq(commissionLedger.level, filter.level));
  const cells = await db
    .select({
      periodId: commissionLedger.periodId,
      level: commissionLedger.level,
      amountCents: sql<string>`sum(${commissionLedger.amountCents})`,
      lines: sql<number>`count(*)::int`,
    })
    .from(commissionLedger)
    .where(and(...where))
    .groupBy(commissionLedger.periodId, commissionLedger.level);

  const wanted = (p: Period) => !filter.state || (filter.state === "pending") === (p.status === "open");
  const periodTotals: EarningsPeriodTotalDto[] = [];
  const levels = new Map<number, { amountCents: number; lines: number }>();
  let pendingCents = 0;
  let closedCents = 0;
  for (const p of periods.filter(wanted)) {
    const mine = cells.filter((c) => c.periodId === p.id);
    if (mine.length === 0) continue;
    const total = { periodId: p.id, startsOn: p.startsOn, pending: p.status === "open", amountCents: 0, lines: 0 };
    for (const c of mine) {
      const amountCents = Number(c.amountCents);
      total.amountCents += amountCents;
      total.lines += c.lines;
      const level = levels.get(c.level) ?? { amountCents: 0, lines: 0 };
      levels.set(c.level, { amountCents: level.amountCents + amountCents, lines: level.lines + c.lines });
    }
    if (total.pending) pendingCents += total.amountCents;
    else closedCents += total.amountCents;
    periodTotals.push(total);
  }
  const byLevel = [...levels].map(([level, l]) => ({ level, ...l })).sort((a, b) => a.level - b.level);
  return { periods, periodTotals, byLevel, pendingCents, closedCents, total: periodTotals.reduce((s, p) => s + p.lines, 0) };
}

/**
 * Lines `offset` to `offset + limit` of the matching lines, newest period first and, within a period,
 * newest order first. The per-period counts say which periods the window covers, so each read is
 * one period's lines with its own LIMIT/OFFSET: never the viewer's whole ledger.
 */
async function readLines(db: Database, beneficiaryId: number, filter: EarningsFilter, periodTotals: EarningsPeriodTotalDto[], offset: number, limit: number) {
  const slices: { period: EarningsPeriodTotalDto; offset: number; limit: number }[] = [];
  let skip = offset;
  let left = limit;
  for (const period of periodTotals) {
    if (left === 0) break;
    if (skip >= period.lines) {
      skip -= period.lines;
      continue;
    }
    const take = Math.min(left, period.lines - skip);
    slices.push({ period, offset: skip, limit: take });
    left -= take;
    skip = 0;
  }

  const sellerDistributor = alias(distributors, "seller_distributor");
  const sellerUser = alias(users, "seller_user");
  const read = (slice: (typeof slices)[number]) => {
    // The page's lines are picked from the ledger alone, then joined: a deep page never joins the lines it skips.
    const page = db
      .select({
        id: commissionLedger.id,
        kind: commissionLedger.kind,
        orderId: commissionLedger.orderId,
        sellerId: commissionLedger.sellerId,
        generation: commissionLedger.generation,
        level: commissionLedger.level,
        rateBps: commissionLedger.rateBps,
        amountCents: commissionLedger.amountCents,
        skipped: commissionLedger.skipped,
      })
      .from(commissionLedger)
      .where(
        and(
          eq(commissionLedger.beneficiaryId, beneficiaryId),
          eq(commissionLedger.periodId, slice.period.periodId),
          filter.level === undefined ? undefined : eq(commissionLedger.level, filter.level),
        ),
      )
      // Order ids grow with time: newest order first; the id keeps pages stable.
      .orderBy(desc(commissionLedger.orderId), asc(commissionLedger.level), asc(commissionLedger.id))
      .limit(slice.limit)
      .offset(slice.offset)
      .as("page");
    return db
      .select({
        id: page.id,
        kind: page.kind,
        orderId: page.orderId,
        orderKind: orders.kind,
        orderDate: orders.createdAt,
        cvCents: orders.cvCents,
        sellerName: sellerUser.name,
        generation: page.generation,
        level: page.level,
        rateBps: page.rateBps,
        amountCents: page.amountCents,
        skipped: page.skipped,
      })
      .from(page)
      .innerJoin(orders, eq(orders.id, page.orderId))
      .innerJoin(sellerDistributor, eq(sellerDistributor.id, page.sellerId))
      .innerJoin(sellerUser, eq(sellerUser.id, sellerDistributor.userId))
      .orderBy(desc(page.orderId), asc(page.level), asc(page.id));
  };
  const rows = await Promise.all(slices.map(read));

  const skippedIds = [...new Set(rows.flat().flatMap((r) => parseSkipped(r.skipped).map((s) => s.id)))];
  const names = new Map<number, string>();
  if (skippedIds.length > 0) {
    const found = await db
      .select({ id: distributors.id, name: users.name })
      .from(distributors)
      .innerJoin(users, eq(users.id, distributors.userId))
      .where(inArray(distributors.id, skippedIds));
    for (const f of found) names.set(f.id, f.name);
  }
  return slices.map(({ period, offset: from }, i): EarningsGroupDto => ({
    ...period,
    from: from + 1,
    items: rows[i]!.map(({ skipped, orderDate, ...r }) => ({
      ...r,
      periodId: period.periodId,
      periodStartsOn: period.startsOn,
      pending: period.pending,
      orderDate: orderDate.toISOString(),
      skipped: parseSkipped(skipped).map((s) => ({ name: names.get(s.id) ?? `#${s.id}`, reason: s.reason })),
    })),
  }));
}

/** One page of the viewer's own ledger lines (as beneficiary), grouped by period, with the totals and "why this amount". */
export async function getMyEarnings(filter: EarningsFilter, page = 1): Promise<EarningsDto> {
  const viewer = await requireUser();
  const db = await getDb();
  if (viewer.distributorId === null) {
    return {
      periods: await listPeriods(db),
      periodTotals: [],
      groups: [],
      total: 0,
      page: 1,
      pageSize: EARNINGS_PAGE_SIZE,
      byLevel: [],
      pendingCents: 0,
      closedCents: 0,
    };
  }
  const summary = await summarize(db, viewer.distributorId, filter);
  const shown = Math.min(page, Math.max(1, Math.ceil(summary.total / EARNINGS_PAGE_SIZE)));
  const groups = await readLines(db, viewer.distributorId, filter, summary.periodTotals, (shown - 1) * EARNINGS_PAGE_SIZE, EARNINGS_PAGE_SIZE);
  return { ...summary, groups, page: shown, pageSize: EARNINGS_PAGE_SIZE };
}

/** The viewer's matching lines for the CSV, newest period first (at most EARNINGS_EXPORT_LIMIT). */
export async function getMyEarningsExport(filter: EarningsFilter): Promise<EarningsLineDto[]> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return [];
  const db = await getDb();
  const { periodTotals } = await summarize(db, viewer.distributorId, filter);
  const groups = await readLines(db, viewer.distributorId, filter, periodTotals, 0, EARNINGS_EXPORT_LIMIT);
  return groups.flatMap((g) => g.items);
}
