import type { Database } from "@/db/client";
import type { Plan } from "@/lib/commissions";
import type { Tx } from "@/lib/ledger/db";
import { loadPlan } from "@/lib/ledger/plan";

// Plan versions are never edited (publishing makes a new one), so a plan is
// cached by id, per database.
const plans = new WeakMap<Database, Map<number, Promise<Plan>>>();

export function cachedPlan(db: Database, tx: Tx, planId: number): Promise<Plan> {
  let byId = plans.get(db);
  if (!byId) plans.set(db, (byId = new Map()));
  let plan = byId.get(planId);
  if (!plan) {
    plan = loadPlan(tx, planId);
    byId.set(planId, plan);
    // Callers still get the rejection through `plan`: this only forgets a
    // failed load, so that the next order loads the plan again.
    plan.catch(() => byId.delete(planId));
  }
  return plan;
}
