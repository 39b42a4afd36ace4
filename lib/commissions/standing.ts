import { CommissionInputError } from "./errors";
import { buildTree } from "./tree";
import type { Company, PeriodState, Plan, TreeIndex } from "./types";

/** The plan's retail rule share in bps (0: off). */
export function retailRuleBps(plan: Plan): number {
  return plan.retailMinBps ?? 0;
}

/**
 * Whether distributor i meets the plan's retail rule: retail PV * 10000 >= retailMinBps * PV
 * (integers, no division; a distributor without PV meets it). Always true when the rule is off.
 */
export function meetsRetailRule(state: Pick<PeriodState, "plan" | "pv" | "retailPv">, i: number): boolean {
  const bps = retailRuleBps(state.plan);
  if (bps === 0 || state.retailPv === null) return true;
  return state.retailPv[i]! * 10000 >= bps * state.pv[i]!;
}

/**
 * A period state from volumes already known (PV and GV per distributor, e.g. read back
 * from the database for part of the tree): activity, rank, paid levels and the
 * compressed-upline pointers, without recomputing GV. With the GV a full run computes,
 * it gives the same state as computeVolumes (which ends here). pv, gv and retailPv are
 * kept, not copied. retailPv (PV of each one's counted retail orders) is required when
 * the plan's retail rule is on; when given with the rule off it is kept (state.retailPv) and not used.
 */
export function stateFromVolumes(plan: Plan, company: Company, pv: Float64Array, gv: Float64Array, tree?: TreeIndex, retailPvIn?: Float64Array): PeriodState {
  const { sponsor, terminated } = company;
  const n = sponsor.length;
  if (terminated.length !== n || pv.length !== n || gv.length !== n) {
    throw new CommissionInputError("shape", "company arrays and volumes differ in length");
  }
  const retailBps = retailRuleBps(plan);
  const retailPv = retailPvIn ?? null;
  if (retailBps > 0 && retailPv === null) throw new CommissionInputError("missing", "the plan's retail rule needs each distributor's retail PV");
  if (retailPv !== null && retailPv.length !== n) throw new CommissionInputError("shape", "company arrays and retail PV differ in length");
  const t = tree ?? buildTree(sponsor);
  if (t.size !== n) throw new CommissionInputError("shape", "tree index built for another company");
  const topo = t.topo;

  const ranks = plan.ranks;
  const rankCount = ranks.length;
  const minPv = Float64Array.from(ranks, (r) => r.minPv);
  const minGv = Float64Array.from(ranks, (r) => r.minGv);
  const paidLevels = Int32Array.from(ranks, (r) => r.paidLevels);
  const activeMinPv = plan.activeMinPv;
  const active = new Uint8Array(n);
  const rank = new Int32Array(n);
  const pays = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (terminated[i] !== 0) {
      rank[i] = -1;
      continue;
    }
    const p = pv[i]!;
    const g = gv[i]!;
    let r = rankCount - 1;
    while (r >= 0 && !(minPv[r]! <= p && minGv[r]! <= g)) r--;
    rank[i] = r;
    if (p >= activeMinPv) {
      active[i] = 1;
      if (r >= 0 && (retailBps === 0 || retailPv![i]! * 10000 >= retailBps * p)) pays[i] = paidLevels[r]!;
    }
  }

  // Nearest active ancestor, top-down: a sponsor's pointer is final before its recruits'.
  const nextActive = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = topo === null ? j : topo[j]!;
    const s = sponsor[i]!;
    nextActive[i] = s < 0 ? -1 : active[s] !== 0 ? s : nextActive[s]!;
  }

  return { plan, company, tree: t, pv, gv, retailPv, active, rank, pays, nextActive };
}
