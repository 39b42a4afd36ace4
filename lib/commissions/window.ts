import type { PeriodState } from "./types";

// The "window" of an order: the uplines that take its levels 1..L, in order. It depends
// only on the seller, so a full run computes it once per distributor (top-down: a
// distributor's window is its next hop followed by the next hop's window shifted by one)
// and every order reads one contiguous row instead of chasing pointers across the tree.
//
// A row is [paid count, entry for level 1, ..., entry for level L]: the count shares the
// cache line of the entries, as rows are read in random seller order and the cache misses
// are most of the cost of a run. Encoding of an entry: u >= 0 pays u at that level; ~u
// (negative) means u used the level up without being paid (rank too low, or inactive
// without compression); NO_UPLINE means the chain ended.

export const NO_UPLINE = -0x80000000;

/** The next hop of the walk: the nearest active ancestor under compression, else the sponsor. */
export function nextHop(state: PeriodState): Int32Array {
  return state.plan.compression ? state.nextActive : state.company.sponsor;
}

/** Writes the row of `seller` at out[base .. base+levels] by walking up. */
export function walkWindow(up: Int32Array, pays: Int32Array, seller: number, levels: number, out: Int32Array, base: number): void {
  let paid = 0;
  let u = up[seller]!;
  let k = 0;
  for (; k < levels && u >= 0; k++) {
    if (pays[u]! > k) {
      out[base + 1 + k] = u;
      paid++;
    } else {
      out[base + 1 + k] = ~u;
    }
    u = up[u]!;
  }
  for (; k < levels; k++) out[base + 1 + k] = NO_UPLINE;
  out[base] = paid;
}

export interface WindowTable {
  /** levels + 1. */
  stride: number;
  /** Row i, at i*stride: how many levels pay, then the encoded entry of each level. */
  rows: Int32Array;
}

/** Every distributor's window, in one top-down pass (n * (levels + 1) entries). */
export function windowTable(state: PeriodState): WindowTable {
  const levels = state.plan.levelsBps.length;
  const stride = levels + 1;
  const { pays, tree } = state;
  const up = nextHop(state);
  const n = up.length;
  const topo = tree.topo;
  const rows = new Int32Array(n * stride);
  for (let j = 0; j < n; j++) {
    const i = topo === null ? j : topo[j]!;
    const a = up[i]!;
    const base = i * stride;
    if (a < 0) {
      rows.fill(NO_UPLINE, base + 1, base + stride);
      continue;
    }
    // a is an ancestor of i, so its row is already final: i's window is a, then a's shifted.
    let paid = 0;
    if (pays[a]! > 0) {
      rows[base + 1] = a;
      paid++;
    } else {
      rows[base + 1] = ~a;
    }
    const from = a * stride;
    for (let k = 1; k < levels; k++) {
      const y = rows[from + k]!;
      if (y === NO_UPLINE) {
        rows.fill(NO_UPLINE, base + 1 + k, base + stride);
        break;
      }
      const w = y >= 0 ? y : ~y;
      if (pays[w]! > k) {
        rows[base + 1 + k] = w;
        paid++;
      } else {
        rows[base + 1 + k] = ~w;
      }
    }
    rows[base] = paid;
  }
  return { stride, rows };
}

/**
 * The uplines that use up levels 1..len(levelsBps) of an order sold by `seller`
 * (entry k-1 took level k, whether it was paid or lost to rank or inactivity).
 * Shorter than the plan when the chain ends first.
 */
export function uplineWindow(state: PeriodState, seller: number): Int32Array {
  const up = nextHop(state);
  const levels = state.plan.levelsBps.length;
  const out = new Int32Array(levels);
  let k = 0;
  for (let u = up[seller]!; k < levels && u >= 0; u = up[u]!) out[k++] = u;
  return out.subarray(0, k);
}

/**
 * Whether a change of `x`'s activity or rank can change the lines of an order sold by
 * `seller`: x is on the sponsor chain the order's walk covers (from the seller's sponsor
 * up to the upline that took the last level, or to the root when the chain ends first).
 * Orders for which this is false keep their lines exactly.
 */
export function orderDependsOn(state: PeriodState, seller: number, x: number): boolean {
  const levels = state.plan.levelsBps.length;
  if (levels === 0) return false;
  const window = uplineWindow(state, seller);
  const sponsor = state.company.sponsor;
  const last = window.length === levels ? window[levels - 1]! : -1;
  for (let u = sponsor[seller]!; u >= 0; u = sponsor[u]!) {
    if (u === x) return true;
    if (u === last) return false;
  }
  return false;
}
