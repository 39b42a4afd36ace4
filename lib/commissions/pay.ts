import { ExplainBuffer, LineBuffer } from "./buffers";
import { meetsRetailRule } from "./standing";
import { checkOrderArrays } from "./volumes";
import { NO_UPLINE, nextHop, walkWindow, windowTable } from "./window";
import {
  BREAK_INACTIVE,
  BREAK_NO_UPLINE,
  BREAK_RANK,
  BREAK_RETAIL,
  BREAK_TERMINATED,
  RETAIL,
  type Lines,
  type OrderArrays,
  type PeriodExplanations,
  type PeriodState,
} from "./types";

export interface PayOptions {
  /** Record every line's skipped uplines and every lost level (PeriodExplanations). */
  explain?: boolean;
  /** Return breakage per order as well as the total. */
  breakageByOrder?: boolean;
  /**
   * How windows are found (same results either way; for tests and benchmarks):
   * "table" precomputes every distributor's window, "walk" walks up per order,
   * "auto" (default) uses the table when there are many orders and it fits in memory.
   */
  strategy?: "auto" | "table" | "walk";
}

export interface Payout {
  lines: Lines;
  breakage: number;
  breakageByOrder?: Float64Array;
  explanations?: PeriodExplanations;
}

/** Window table entries allowed before walking instead (256 MB). */
const TABLE_BUDGET = 1 << 26;

/**
 * Pays every counted order (spec "Per counted order, levels"). An order's window (the
 * uplines taking levels 1..L, see window.ts) depends only on its seller; each level of it
 * is paid or lost, and breakage is the full level payout minus what was paid.
 */
export function payOrders(state: PeriodState, orders: OrderArrays, options: PayOptions = {}): Payout {
  const { plan, company, active, pays } = state;
  const { seller, kind, cv, counted } = orders;
  const size = company.sponsor.length;
  checkOrderArrays(size, orders);
  const n = seller.length;
  const levels = plan.levelsBps.length;
  const bps = Float64Array.from(plan.levelsBps);
  const personalBps = plan.personalBps;
  const terminated = company.terminated;

  let countedOrders = n;
  if (counted !== undefined) for (let o = 0; o < n; o++) if (counted[o] === 0) countedOrders--;
  const strategy = options.strategy ?? "auto";
  const useTable = levels > 0 && (strategy === "table" || (strategy === "auto" && size * (levels + 1) <= TABLE_BUDGET && countedOrders * 4 >= size));
  const table = useTable ? windowTable(state) : null;
  const up = nextHop(state);
  const stride = levels + 1;
  const scratch = new Int32Array(stride);

  // With the table, lines and lost levels per order are known up front: allocate exactly.
  let lineCapacity = Math.min(n * 2, 1 << 24) + 16;
  let lostCapacity = lineCapacity;
  // Module constants are getters once transpiled to CommonJS: keep them out of loops.
  const retail = RETAIL;
  if (table !== null) {
    lineCapacity = 0;
    lostCapacity = 0;
    for (let o = 0; o < n; o++) {
      if (counted !== undefined && counted[o] === 0) continue;
      const s = seller[o]!;
      const p = table.rows[s * stride]!;
      lineCapacity += p + (kind[o] === retail && personalBps > 0 && terminated[s] === 0 ? 1 : 0);
      lostCapacity += levels - p;
    }
  }
  const lines = new LineBuffer(lineCapacity, levels);
  const ex = options.explain === true ? new ExplainBuffer(n, levels, lineCapacity, lostCapacity, company.sponsor, terminated, up) : null;
  const byOrder = options.breakageByOrder === true ? new Float64Array(n) : null;
  const rows = table === null ? scratch : table.rows;
  const noUpline = NO_UPLINE;
  let total = 0;

  for (let o = 0; o < n; o++) {
    if (ex !== null) ex.beginOrder(o, lines.count);
    if (counted !== undefined && counted[o] === 0) continue;
    const s = seller[o]!;
    const c = cv[o]!;
    let base = 0;
    if (table === null) walkWindow(up, pays, s, levels, scratch, 0);
    else base = s * stride;
    const level0 = kind[o] === retail && personalBps > 0 && terminated[s] === 0;
    // Lines are written through locals (the hot path); reserve() first so they cannot overflow.
    // The reservation is exact, so with the table the preallocated arrays never grow.
    lines.reserve((level0 ? 1 : 0) + rows[base]!);
    const lOrder = lines.order;
    const lBeneficiary = lines.beneficiary;
    const lLevel = lines.level;
    const lAmount = lines.amount;
    let count = lines.count;
    // c * bps <= 1e11 * 1e4 is exact in a double, and so is the floor of its quotient.
    if (level0) {
      const a = Math.floor((c * personalBps) / 10000);
      if (a > 0) {
        lOrder[count] = o;
        lBeneficiary[count] = s;
        lLevel[count] = 0;
        lAmount[count] = a;
        count++;
        if (ex !== null) ex.line(-1);
      }
    }
    let full = 0;
    let paid = 0;
    let from = s;
    for (let k = 0; k < levels; k++) {
      const x = rows[base + 1 + k]!;
      const a = Math.floor((c * bps[k]!) / 10000);
      full += a;
      if (x >= 0) {
        if (a > 0) {
          lOrder[count] = o;
          lBeneficiary[count] = x;
          lLevel[count] = k + 1;
          lAmount[count] = a;
          count++;
          paid += a;
          if (ex !== null) ex.line(from);
        }
        from = x;
      } else if (ex !== null) {
        if (x === noUpline) {
          ex.breakage(o, k + 1, -1, BREAK_NO_UPLINE, from);
          from = -1; // the rest of the chain is listed once, on the first lost level
        } else {
          const u = ~x;
          ex.breakage(o, k + 1, u, active[u] !== 0 ? activeReason(state, u, k + 1) : terminated[u] !== 0 ? BREAK_TERMINATED : BREAK_INACTIVE, from);
          from = u;
        }
      }
    }
    lines.count = count;
    const b = full - paid;
    total += b;
    if (byOrder !== null) byOrder[o] = b;
  }

  const out: Payout = { lines: lines.finish(), breakage: total };
  if (byOrder !== null) out.breakageByOrder = byOrder;
  if (ex !== null) out.explanations = ex.finish(n, out.lines.count);
  return out;
}

/** Why an active upline u was not paid level k: its rank pays fewer levels, or it pays k but u failed the retail rule. */
function activeReason(state: PeriodState, u: number, k: number): number {
  const r = state.rank[u]!;
  return r >= 0 && state.plan.ranks[r]!.paidLevels >= k && !meetsRetailRule(state, u) ? BREAK_RETAIL : BREAK_RANK;
}
