import { CommissionInputError } from "./errors";
import type { TreeIndex } from "./types";

// Trees are a few hundred levels deep and a million nodes wide: everything here is
// iterative over typed arrays, never recursive.

/**
 * Orders the sponsor tree sponsors-before-recruits, or throws a "cycle" error naming
 * (by index) the lowest-index distributor that sits on a sponsor cycle.
 * When sponsor[i] < i for every i (the app feeds distributors in id order, and ids
 * grow), the identity order is already topological and nothing is allocated.
 */
export function buildTree(sponsor: Int32Array): TreeIndex {
  const n = sponsor.length;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const s = sponsor[i]!;
    if (s < -1 || s >= n) {
      throw new CommissionInputError("unknown-sponsor", `distributor #${i}: sponsor index ${s} out of range`, { index: i });
    }
    if (s >= i) sorted = false;
  }
  if (sorted) return { size: n, topo: null };

  // A breadth-first walk from the roots.
  const { childStart, children } = childLists(sponsor);
  const topo = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (sponsor[i] === -1) topo[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const d = topo[head]!;
    for (let c = childStart[d]!, end = childStart[d + 1]!; c < end; c++) topo[tail++] = children[c]!;
  }
  if (tail < n) throw cycleError(sponsor);
  return { size: n, topo };
}

/** The "cycle" error naming the lowest index on a sponsor cycle. */
function cycleError(sponsor: Int32Array): CommissionInputError {
  const on = firstOnCycle(sponsor);
  return new CommissionInputError("cycle", `cycle in the sponsor tree at distributor #${on}`, { index: on });
}

/** Each node's recruits in CSR form, by index: d's are children[childStart[d]] to children[childStart[d + 1] - 1]. */
function childLists(sponsor: Int32Array): { childStart: Int32Array; children: Int32Array } {
  const n = sponsor.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const s = sponsor[i]!;
    if (s >= 0) childStart[s + 1]!++;
  }
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = sponsor[i]!;
    if (s >= 0) children[fill[s]!++] = i;
  }
  return { childStart, children };
}

/**
 * Every node in depth-first preorder (roots, then recruits, by index): each
 * subtree is one contiguous run, so a node's nearest uplines sit close to it.
 * Rows written in this order keep an upline chain on few pages. Sponsor
 * indexes must be in range (as buildTree checks); throws on a sponsor cycle
 * (its nodes are never reached).
 */
export function depthFirstOrder(sponsor: Int32Array): Int32Array {
  const n = sponsor.length;
  const { childStart, children } = childLists(sponsor);
  const order = new Int32Array(n);
  // Each node is pushed once, so n slots suffice.
  const stack = new Int32Array(n);
  let top = 0;
  let k = 0;
  for (let i = n - 1; i >= 0; i--) if (sponsor[i] === -1) stack[top++] = i;
  while (top > 0) {
    const d = stack[--top]!;
    order[k++] = d;
    for (let c = childStart[d + 1]! - 1; c >= childStart[d]!; c--) stack[top++] = children[c]!;
  }
  if (k < n) throw cycleError(sponsor);
  return order;
}

/**
 * The lowest index on a sponsor cycle, or -1 when there is none. Each node is walked
 * at most once: a walk stops at a node already settled, or finds a cycle when it meets
 * its own trail.
 */
export function firstOnCycle(sponsor: Int32Array): number {
  const n = sponsor.length;
  const walk = new Int32Array(n); // 0 = unseen, else 1 + the walk that first reached the node
  const onCycle = new Uint8Array(n);
  let best = -1;
  for (let start = 0; start < n; start++) {
    if (walk[start] !== 0) continue;
    const mark = start + 1;
    let x = start;
    while (x >= 0 && walk[x] === 0) {
      walk[x] = mark;
      x = sponsor[x]!;
    }
    if (x >= 0 && walk[x] === mark) {
      let y = x;
      do {
        onCycle[y] = 1;
        if (best === -1 || y < best) best = y;
        y = sponsor[y]!;
      } while (y !== x);
    }
  }
  return best;
}

/** The cycle through `index` (which must be on one), in sponsor order starting at `index`. */
export function cycleFrom(sponsor: Int32Array, index: number): number[] {
  const cycle = [index];
  for (let x = sponsor[index]!; x !== index && x >= 0; x = sponsor[x]!) cycle.push(x);
  return cycle;
}
