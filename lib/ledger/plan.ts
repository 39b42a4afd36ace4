import { asc, desc, eq } from "drizzle-orm";
import { compensationPlans, planRanks } from "@/db/schema";
import type { Plan } from "@/lib/commissions";
import type { Executor } from "./db";

/** A stored plan version in the engine's form. */
export async function loadPlan(db: Executor, planId: number): Promise<Plan> {
  const [plan] = await db.select().from(compensationPlans).where(eq(compensationPlans.id, planId));
  if (!plan) throw new Error(`plan ${planId} not found`);
  const ranks = await db
    .select({ name: planRanks.name, minPv: planRanks.minPv, minGv: planRanks.minGv, paidLevels: planRanks.paidLevels })
    .from(planRanks)
    .where(eq(planRanks.planId, planId))
    .orderBy(asc(planRanks.position));
  return {
    activeMinPv: plan.activeMinPv,
    personalBps: plan.personalBps,
    levelsBps: plan.levelsBps,
    compression: plan.compression,
    ranks,
  };
}

/** The newest plan version's id: what a newly opened period runs with. */
export async function latestPlanId(db: Executor): Promise<number> {
  const [row] = await db.select({ id: compensationPlans.id }).from(compensationPlans).orderBy(desc(compensationPlans.version)).limit(1);
  if (!row) throw new Error("no compensation plan is configured");
  return row.id;
}
