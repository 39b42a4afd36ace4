import { asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { commissionPeriods, compensationPlans, distributors, users } from "@/db/schema";
import type { Plan } from "@/lib/commissions";
import { loadPlan } from "@/lib/ledger/plan";

export interface TeamPeriod {
  id: number;
  startsOn: string;
  endsOn: string;
  status: "open" | "closed";
  /** A background full run is bringing the period's figures up to date. */
  updating: boolean;
  planId: number;
}

export interface TeamOwner {
  id: number;
  name: string;
  /** Materialised path ("1.17.342"): the downline is every path below it. */
  path: string;
  depth: number;
  terminated: boolean;
  joinedAt: Date;
}

/** Whose team a page shows, in which period, under which plan. */
export interface TeamContext {
  owner: TeamOwner;
  /** The open period orders placed now go to; null before any period exists. */
  period: TeamPeriod | null;
  /** The period just before it, open or closed. */
  previous: TeamPeriod | null;
  /** Every period up to the current one, oldest first (charts). */
  periods: TeamPeriod[];
  /** The current period's plan (or the newest plan when no period exists yet). */
  plan: Plan | null;
}

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The period a distributor's "this period" figures belong to: the open one that
 * contains today; when today's month is already closed, the next open one (where
 * new orders go); failing both, the latest open period.
 */
export function pickCurrentPeriod(periods: TeamPeriod[], now: Date): TeamPeriod | null {
  const today = isoDay(now);
  const open = periods.filter((p) => p.status === "open");
  return open.find((p) => p.startsOn <= today && today < p.endsOn) ?? open.find((p) => p.startsOn > today) ?? open.at(-1) ?? null;
}

export async function loadOwner(db: Database, ownerId: number): Promise<TeamOwner | null> {
  const [row] = await db
    .select({
      id: distributors.id,
      name: users.name,
      path: distributors.path,
      depth: distributors.depth,
      status: distributors.status,
      joinedAt: distributors.joinedAt,
    })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(eq(distributors.id, ownerId));
  if (!row) return null;
  const { status, ...rest } = row;
  return { ...rest, terminated: status === "terminated" };
}

/** Everything the team pages need to know before querying: null when the distributor does not exist. */
export async function loadTeamContext(db: Database, ownerId: number, now: Date): Promise<TeamContext | null> {
  // Independent reads, in parallel: every team page waits on this context before its own queries.
  const [owner, all]: [TeamOwner | null, TeamPeriod[]] = await Promise.all([
    loadOwner(db, ownerId),
    db
      .select({
        id: commissionPeriods.id,
        startsOn: commissionPeriods.startsOn,
        endsOn: commissionPeriods.endsOn,
        status: commissionPeriods.status,
        updating: commissionPeriods.needsRecompute,
        planId: commissionPeriods.planId,
      })
      .from(commissionPeriods)
      .orderBy(asc(commissionPeriods.startsOn)),
  ]);
  if (!owner) return null;
  const period = pickCurrentPeriod(all, now);
  const upTo = period ? all.filter((p) => p.startsOn <= period.startsOn) : all;
  const previous = period ? (upTo.at(-2) ?? null) : (all.at(-1) ?? null);
  let planId = period?.planId ?? previous?.planId;
  if (planId === undefined) {
    const [latest] = await db.select({ id: compensationPlans.id }).from(compensationPlans).orderBy(desc(compensationPlans.version)).limit(1);
    planId = latest?.id;
  }
  const plan = planId === undefined ? null : await loadPlan(db, planId);
  return { owner, period, previous, periods: upTo, plan };
}
