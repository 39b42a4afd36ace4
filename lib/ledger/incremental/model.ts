import { stateFromVolumes, type PeriodState, type Plan } from "@/lib/commissions";

// The rows an incremental update reads (members with their period volumes, the
// chains ledger_chains returns, paid orders) and their indexing into a small
// company for the commission engine.

/** A distributor with its volumes in the period (NODE_COLUMNS). */
export interface Node {
  id: number;
  sponsor_id: number | null;
  depth: number;
  path: string;
  terminated: boolean;
  pv: number;
  gv: number;
  /** PV of the member's paid retail orders in the period. */
  retail_pv: number;
  /** Distinct retail customers of those orders, as the period's snapshot holds them. */
  retail_customers: number;
}

/**
 * A row of ledger_chains (migration 0031): has_recruits and customers_now (the seller's retail
 * customers recounted from its paid orders, this change's included) are set for the sellers asked for.
 */
export type ChainRow = Node & { period_open: boolean; plan_id: number; has_stats: boolean; has_recruits: boolean; customers_now: number | null };

/** A paid order, as the updates read it. */
export interface SubtreeOrder {
  id: number;
  seller_id: number;
  kind: string;
  cv_cents: number;
}

/** A Node's columns, from distributors `d` and their period stats `s`. */
export const NODE_COLUMNS = `d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated' as terminated,
  coalesce(s.pv, 0)::float8 as pv, coalesce(s.gv, 0)::float8 as gv, coalesce(s.retail_pv, 0)::float8 as retail_pv,
  coalesce(s.retail_customers, 0) as retail_customers`;

/** Distributors with their volumes in the period, as a small indexed company for the engine. */
export function indexNodes(
  plan: Plan,
  nodes: Node[],
  pvOf: (n: Node) => number,
  gvOf: (n: Node) => number,
  retailPvOf = (n: Node) => n.retail_pv,
  customersOf = (n: Node) => n.retail_customers,
) {
  const index = new Map<number, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const sponsor = Int32Array.from(nodes, (n) => (n.sponsor_id === null ? -1 : (index.get(n.sponsor_id) ?? -1)));
  const terminated = Uint8Array.from(nodes, (n) => (n.terminated ? 1 : 0));
  const state = stateFromVolumes(
    plan,
    { sponsor, terminated },
    Float64Array.from(nodes, pvOf),
    Float64Array.from(nodes, gvOf),
    undefined,
    Float64Array.from(nodes, retailPvOf),
    Int32Array.from(nodes, customersOf),
  );
  return { index, state };
}

/**
 * A chain's standing (root first, the seller last) before and after the
 * seller's PV moves by `pvDelta` (and their retail PV by `retailPvDelta`: the
 * same for a retail order, else 0), every member's GV moving with it; the
 * seller's retail customers become `customersAfter` (default: unchanged).
 */
export function chainStandings(
  plan: Plan,
  chain: Node[],
  pvDelta: number,
  retailPvDelta: number,
  customersAfter?: number,
): { before: PeriodState; after: PeriodState } {
  const seller = chain.at(-1);
  return {
    before: indexNodes(
      plan,
      chain,
      (n) => n.pv,
      (n) => n.gv,
    ).state,
    after: indexNodes(
      plan,
      chain,
      (n) => n.pv + (n === seller ? pvDelta : 0),
      (n) => n.gv + pvDelta,
      (n) => n.retail_pv + (n === seller ? retailPvDelta : 0),
      (n) => (n === seller ? (customersAfter ?? n.retail_customers) : n.retail_customers),
    ).state,
  };
}

/** The ids of a materialised path ("1.17.342"), root first. */
export function pathIds(path: string): number[] {
  return path.split(".").map(Number);
}
