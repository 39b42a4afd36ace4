import { CommissionInputError } from "./errors";
import { buildTree } from "./tree";
import type { Company, PeriodState, Plan, RetailShortfall, TreeIndex } from "./types";

/** The plan's retail rule share in bps (0: off). */
export function retailRuleBps(plan: Plan): number {
  return plan.retailMinBps ?? 0;
}

/** The plan's retail customer rule: the distinct retail customers needed (0: off). */
export function retailRuleCustomers(plan: Plan): number {
  return plan.retailMinCustomers ?? 0;
}

type RetailFigures = Pick<PeriodState, "plan" | "pv" | "retailPv" | "retailCustomers">;

/**
 * Whether distributor i meets every form of the plan's retail rule that is on: retail PV * 10000 >=
 * retailMinBps * PV (integers, no division; a distributor without PV meets it), and at least
 * retailMinCustomers distinct retail customers. Always true when both are off.
 */
export function meetsRetailRule(state: RetailFigures, i: number): boolean {
  const bps = retailRuleBps(state.plan);
  const customers = retailRuleCustomers(state.plan);
  if (bps > 0 && state.retailPv !== null && state.retailPv[i]! * 10000 < bps * state.pv[i]!) return false;
  return customers === 0 || state.retailCustomers === null || state.retailCustomers[i]! >= customers;
}

/** The forms of the retail rule distributor i fails, with their figures (empty when it meets them all). */
export function retailShortfalls(state: RetailFigures, i: number): RetailShortfall[] {
  const out: RetailShortfall[] = [];
  const minBps = retailRuleBps(state.plan);
  if (minBps > 0 && state.retailPv !== null && state.retailPv[i]! * 10000 < minBps * state.pv[i]!) {
    out.push({ rule: "share", retailPv: state.retailPv[i]!, pv: state.pv[i]!, minBps });
  }
  const minCustomers = retailRuleCustomers(state.plan);
  if (minCustomers > 0 && state.retailCustomers !== null && state.retailCustomers[i]! < minCustomers) {
    out.push({ rule: "customers", customers: state.retailCustomers[i]!, minCustomers });
  }
  return out;
}

/** A shortfall in words, e.g. "2 of 3 retail customers" or "retail PV 10 of 110 (9%), 70% needed". */
export function describeShortfall(s: RetailShortfall): string {
  if (s.rule === "customers") return `${s.customers} of ${s.minCustomers} retail customer${s.minCustomers === 1 ? "" : "s"}`;
  const pct = s.pv > 0 ? Math.floor((s.retailPv * 100) / s.pv) : 0;
  return `retail PV ${s.retailPv} of ${s.pv} (${pct}%), ${s.minBps / 100}% needed`;
}

/**
 * A period state from volumes already known (PV and GV per distributor, e.g. read back
 * from the database for part of the tree): activity, rank, paid levels and the
 * compressed-upline pointers, without recomputing GV. With the GV a full run computes,
 * it gives the same state as computeVolumes (which ends here). pv, gv and retailPv are
 * kept, not copied. retailPv (PV of each one's counted retail orders) is required when
 * the plan's retail rule is on; when given with the rule off it is kept (state.retailPv) and not used.
 * retailCustomers (distinct retail customers of each one) likewise for the customer rule.
 */
export function stateFromVolumes(
  plan: Plan,
  company: Company,
  pv: Float64Array,
  gv: Float64Array,
  tree?: TreeIndex,
  retailPvIn?: Float64Array,
  retailCustomersIn?: Int32Array,
): PeriodState {
  const { sponsor, terminated } = company;
  const n = sponsor.length;
  if (terminated.length !== n || pv.length !== n || gv.length !== n) {
    throw new CommissionInputError("shape", "company arrays and volumes differ in length");
  }
  const retailBps = retailRuleBps(plan);
  const retailPv = retailPvIn ?? null;
  if (retailBps > 0 && retailPv === null) throw new CommissionInputError("missing", "the plan's retail rule needs each distributor's retail PV");
  if (retailPv !== null && retailPv.length !== n) throw new CommissionInputError("shape", "company arrays and retail PV differ in length");
  const minCustomers = retailRuleCustomers(plan);
  const retailCustomers = retailCustomersIn ?? null;
  if (minCustomers > 0 && retailCustomers === null) {
    throw new CommissionInputError("missing", "the plan's retail customer rule needs each distributor's count of retail customers");
  }
  if (retailCustomers !== null && retailCustomers.length !== n) throw new CommissionInputError("shape", "company arrays and retail customers differ in length");
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
      if (r >= 0 && (retailBps === 0 || retailPv![i]! * 10000 >= retailBps * p) && (minCustomers === 0 || retailCustomers![i]! >= minCustomers)) {
        pays[i] = paidLevels[r]!;
      }
    }
  }

  // Nearest active ancestor, top-down: a sponsor's pointer is final before its recruits'.
  const nextActive = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = topo === null ? j : topo[j]!;
    const s = sponsor[i]!;
    nextActive[i] = s < 0 ? -1 : active[s] !== 0 ? s : nextActive[s]!;
  }

  return { plan, company, tree: t, pv, gv, retailPv, retailCustomers, active, rank, pays, nextActive };
}
