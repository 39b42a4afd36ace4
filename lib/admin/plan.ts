import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { commissionPeriods, compensationPlans, planRanks } from "@/db/schema";
import { computePeriod, type Plan, type PeriodResult } from "@/lib/commissions";
import { lockLedger, type Executor } from "@/lib/ledger/db";
import { loadPeriodData } from "@/lib/ledger/full-run";
import type { PeriodData } from "@/lib/ledger/period-data";
import { loadPlan } from "@/lib/ledger/plan";
import { plansEqual } from "@/lib/validation/admin-plan";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";
import { flagOpenPeriods, recomputePeriods } from "./recompute";

export interface PublishedPlan {
  id: number;
  version: number;
  createdAt: string;
  plan: Plan;
}

/** The newest version: what open periods run with and the editor starts from. */
export async function getPublishedPlan(db: Executor): Promise<PublishedPlan | null> {
  const [row] = await db
    .select({ id: compensationPlans.id, version: compensationPlans.version, createdAt: compensationPlans.createdAt })
    .from(compensationPlans)
    .orderBy(desc(compensationPlans.version))
    .limit(1);
  if (!row) return null;
  return { id: row.id, version: row.version, createdAt: row.createdAt.toISOString(), plan: await loadPlan(db, row.id) };
}

/** Every version, newest first, with the periods that ran (or run) with it. */
export async function listPlanVersions(db: Executor): Promise<{ id: number; version: number; createdAt: string; periods: string[] }[]> {
  const rows = await queryRows<{ id: number; version: number; created_at: string; periods: string[] | null }>(
    db,
    sql`select v.id, v.version, v.created_at::text,
          (select array_agg(p.starts_on::text order by p.starts_on) from commission_periods p where p.plan_id = v.id) as periods
        from compensation_plans v order by v.version desc`,
  );
  return rows.map((r) => ({ id: r.id, version: r.version, createdAt: new Date(r.created_at).toISOString(), periods: r.periods ?? [] }));
}

/** The open periods' first days, oldest first: a new version applies to them (recomputed) and to every later period. */
export async function listOpenPeriodStarts(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ startsOn: commissionPeriods.startsOn })
    .from(commissionPeriods)
    .where(eq(commissionPeriods.status, "open"))
    .orderBy(commissionPeriods.startsOn);
  return rows.map((r) => r.startsOn);
}

/**
 * Publishes a new plan version: it applies to every open period (recomputed
 * from scratch) and to periods opened later; closed periods keep the version
 * they closed with (the database refuses to change their plan_id).
 */
export async function publishPlan(
  db: Database,
  actorUserId: number,
  draft: Plan,
): Promise<{ id: number; version: number; periodIds: number[]; recomputed: boolean }> {
  const published = await db.transaction(async (tx) => {
    // Orders load their period's plan under this lock: none runs half on the old plan, half on the new.
    await lockLedger(tx);
    const current = await getPublishedPlan(tx);
    if (current && plansEqual(current.plan, draft)) throw new AdminError("Nothing to publish: the draft is the same as the published plan.");
    const version = (current?.version ?? 0) + 1;
    const [row] = await tx
      .insert(compensationPlans)
      .values({
        version,
        activeMinPv: draft.activeMinPv,
        personalBps: draft.personalBps,
        levelsBps: draft.levelsBps,
        compression: draft.compression,
        retailMinBps: draft.retailMinBps ?? 0,
        retailMinCustomers: draft.retailMinCustomers ?? 0,
      })
      .returning({ id: compensationPlans.id });
    if (draft.ranks.length > 0) await tx.insert(planRanks).values(draft.ranks.map((r, position) => ({ planId: row!.id, position, ...r })));
    const periodIds = await flagOpenPeriods(tx);
    if (periodIds.length > 0) await tx.update(commissionPeriods).set({ planId: row!.id }).where(eq(commissionPeriods.status, "open"));
    await recordAudit(tx, {
      actorUserId,
      action: "plan.publish",
      entity: "plan",
      entityId: row!.id,
      // The customer rule recorded when off too, so turning it on or off reads "Off -> 3 retail customers".
      before: current ? { version: current.version, ...current.plan, retailMinCustomers: current.plan.retailMinCustomers ?? 0 } : null,
      after: { version, ...draft, retailMinCustomers: draft.retailMinCustomers ?? 0, periods: periodIds },
    });
    return { id: row!.id, version, periodIds };
  });
  const recomputed = await recomputePeriods(db, published.periodIds);
  return { ...published, recomputed };
}

export interface PlanRunSummary {
  totalCents: number;
  /** Level 0 is the retail share; pool is the plan's full payout of the level (0 for level 0). */
  byLevel: { level: number; rateBps: number; paidCents: number; poolCents: number }[];
  breakageCents: number;
  active: number;
  ranks: { name: string; count: number }[];
}

export interface PlanPreview {
  period: { id: number; startsOn: string } | null;
  orders: number;
  cvCents: number;
  current: PlanRunSummary;
  draft: PlanRunSummary;
}

function summarize(plan: Plan, data: PeriodData, result: PeriodResult): PlanRunSummary {
  const levels = plan.levelsBps.length;
  const paid = new Array<number>(levels + 1).fill(0);
  for (let i = 0; i < result.lines.count; i++) paid[result.lines.level[i]!]! += result.lines.amount[i]!;
  const pool = new Array<number>(levels + 1).fill(0);
  for (let o = 0; o < data.orders.cv.length; o++) {
    for (let k = 1; k <= levels; k++) pool[k]! += Math.floor((data.orders.cv[o]! * plan.levelsBps[k - 1]!) / 10_000);
  }
  const rankCounts = plan.ranks.map((r) => ({ name: r.name, count: 0 }));
  for (let i = 0; i < result.rank.length; i++) if (result.rank[i]! >= 0) rankCounts[result.rank[i]!]!.count++;
  let active = 0;
  for (let i = 0; i < result.active.length; i++) active += result.active[i]!;
  return {
    totalCents: paid.reduce((s, v) => s + v, 0),
    byLevel: paid.map((amount, level) => ({
      level,
      rateBps: level === 0 ? plan.personalBps : plan.levelsBps[level - 1]!,
      paidCents: amount,
      poolCents: pool[level]!,
    })),
    breakageCents: result.breakage,
    active,
    ranks: rankCounts,
  };
}

/**
 * What the open period would pay under a draft, next to what it pays now: a
 * full run in memory over the period's data. Reads only; never writes.
 */
export async function previewPlan(db: Executor, draft: Plan): Promise<PlanPreview> {
  const [period] = await db
    .select({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn })
    .from(commissionPeriods)
    .where(eq(commissionPeriods.status, "open"))
    .orderBy(desc(commissionPeriods.startsOn))
    .limit(1);
  if (!period) {
    const empty = (plan: Plan): PlanRunSummary => ({
      totalCents: 0,
      byLevel: [],
      breakageCents: 0,
      active: 0,
      ranks: plan.ranks.map((r) => ({ name: r.name, count: 0 })),
    });
    const current = await getPublishedPlan(db);
    return { period: null, orders: 0, cvCents: 0, current: empty(current?.plan ?? draft), draft: empty(draft) };
  }
  const data = await loadPeriodData(db, period.id);
  const run = (plan: Plan) =>
    summarize(
      plan,
      data,
      computePeriod(plan, data.company, data.orders, {
        pvByDistributor: data.pvByDistributor,
        retailPvByDistributor: data.retailPvByDistributor,
        retailCustomersByDistributor: data.retailCustomersByDistributor,
      }),
    );
  let cv = 0;
  for (let o = 0; o < data.orders.cv.length; o++) cv += data.orders.cv[o]!;
  return { period, orders: data.orders.cv.length, cvCents: cv, current: run(data.plan), draft: run(draft) };
}
