import { desc, sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { compensationPlans } from "@/db/schema";
import type { Plan } from "@/lib/commissions";
import type { Executor } from "./db";

type Rank = Plan["ranks"][number];

/** A stored plan version in the engine's form (one query: every order reads it). */
export async function loadPlan(db: Executor, planId: number): Promise<Plan> {
  const [plan] = await queryRows<{
    active_min_pv: number;
    personal_bps: number;
    levels_bps: number[];
    compression: boolean;
    retail_min_bps: number;
    retail_min_customers: number;
    ranks: Rank[] | string;
  }>(
    db,
    sql`select p.active_min_pv, p.personal_bps, p.levels_bps, p.compression, p.retail_min_bps, p.retail_min_customers,
               coalesce((select json_agg(json_build_object('name', r.name, 'minPv', r.min_pv, 'minGv', r.min_gv, 'paidLevels', r.paid_levels) order by r.position)
                         from plan_ranks r where r.plan_id = p.id), '[]'::json) as ranks
        from compensation_plans p where p.id = ${planId}`,
  );
  if (!plan) throw new Error(`plan ${planId} not found`);
  const out: Plan = {
    activeMinPv: plan.active_min_pv,
    personalBps: plan.personal_bps,
    levelsBps: plan.levels_bps,
    compression: plan.compression,
    // Both drivers parse json; a driver configured not to would hand back the text.
    ranks: typeof plan.ranks === "string" ? (JSON.parse(plan.ranks) as Rank[]) : plan.ranks,
  };
  // The retail rule is optional in the engine's Plan: absent when off, as in a plan without it.
  if (plan.retail_min_bps > 0) out.retailMinBps = plan.retail_min_bps;
  if (plan.retail_min_customers > 0) out.retailMinCustomers = plan.retail_min_customers;
  return out;
}

/** The newest plan version's id: what a newly opened period runs with. */
export async function latestPlanId(db: Executor): Promise<number> {
  const [row] = await db.select({ id: compensationPlans.id }).from(compensationPlans).orderBy(desc(compensationPlans.version)).limit(1);
  if (!row) throw new Error("no compensation plan is configured");
  return row.id;
}
