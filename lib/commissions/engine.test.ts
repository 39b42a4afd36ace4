import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildTree,
  CommissionInputError,
  computePeriod,
  depthFirstOrder,
  explainLine,
  explainOrder,
  firstOnCycle,
  orderDependsOn,
  parseInterchange,
  payOrder,
  uplineWindow,
  type OrderArrays,
  type Plan,
} from "./index";
import { createRng } from "./synthetic";

const here = path.dirname(fileURLToPath(import.meta.url));
const example = JSON.parse(readFileSync(path.join(here, "fixtures/basic.input.json"), "utf8")) as unknown;

const plan: Plan = {
  activeMinPv: 100,
  personalBps: 2000,
  levelsBps: [1000, 500, 300],
  compression: true,
  ranks: [{ name: "All", minPv: 0, minGv: 0, paidLevels: 3 }],
};

const ordersOf = (seller: number[], cv: number[], pv: number[], kind?: number[]): OrderArrays => ({
  seller: Int32Array.from(seller),
  cv: Float64Array.from(cv),
  pv: Float64Array.from(pv),
  kind: Uint8Array.from(kind ?? seller.map(() => 0)),
});

describe("tree", () => {
  it("takes the identity order when every sponsor index is lower", () => {
    expect(buildTree(Int32Array.from([-1, 0, 0, 1])).topo).toBeNull();
  });

  it("orders sponsors before recruits otherwise", () => {
    const sponsor = Int32Array.from([2, -1, 1, 0, -1]);
    const { topo } = buildTree(sponsor);
    expect(topo).not.toBeNull();
    const position = new Map(Array.from(topo ?? [], (d, j) => [d, j]));
    sponsor.forEach((s, i) => {
      if (s >= 0) expect(position.get(s) ?? 99).toBeLessThan(position.get(i) ?? -1);
    });
  });

  it("names the lowest index on a cycle, and refuses out-of-range sponsors", () => {
    expect(firstOnCycle(Int32Array.from([-1, 3, 1, 2, 4]))).toBe(1);
    expect(firstOnCycle(Int32Array.from([-1, 0]))).toBe(-1);
    expect(() => buildTree(Int32Array.from([-1, 3, 1, 2]))).toThrow(CommissionInputError);
    expect(() => buildTree(Int32Array.from([-1, 5]))).toThrow(/out of range/);
  });

  it("lists every node depth-first: each subtree one contiguous run after its root, recruits by index", () => {
    // Two roots (4 and 1), ids not in tree order.
    const sponsor = Int32Array.from([2, -1, 1, 0, -1, 1, 4]);
    expect(Array.from(depthFirstOrder(sponsor))).toEqual([1, 2, 0, 3, 5, 4, 6]);
    // A random forest of 2,000, renumbered at random (recruits before sponsors too):
    // a permutation where each node's descendants directly follow it.
    const rnd = createRng(7);
    const n = 2000;
    const grown = Int32Array.from({ length: n }, (_, i) => (i === 0 || rnd() < 0.01 ? -1 : Math.floor(rnd() * i)));
    const id = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [id[i], id[j]] = [id[j]!, id[i]!];
    }
    const forest = new Int32Array(n);
    grown.forEach((s, i) => (forest[id[i]!] = s < 0 ? -1 : id[s]!));
    const order = depthFirstOrder(forest);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    // Subtree sizes, leaves first (in the grown numbering every sponsor comes before its recruits).
    const size = new Int32Array(n).fill(1);
    for (let i = n - 1; i > 0; i--) if (grown[i]! >= 0) size[id[grown[i]!]!]! += size[id[i]!]!;
    const at = new Int32Array(n);
    order.forEach((d, k) => (at[d] = k));
    for (let i = 0; i < n; i++) {
      const s = forest[i]!;
      if (s >= 0) {
        expect(at[i]).toBeGreaterThan(at[s]!);
        expect(at[i]! + size[i]!).toBeLessThanOrEqual(at[s]! + size[s]!);
      }
    }
    expect(() => depthFirstOrder(Int32Array.from([-1, 3, 1, 2]))).toThrow(CommissionInputError);
    expect(depthFirstOrder(new Int32Array(0))).toEqual(new Int32Array(0));
  });

  it("handles a 300,000-deep chain and its cycle without recursion", () => {
    const n = 300_000;
    const chain = Int32Array.from({ length: n }, (_, i) => i - 1);
    const orders = ordersOf([n - 1, n - 1], [10000, 10000], [100, 100]);
    const r = computePeriod(plan, { sponsor: chain, terminated: new Uint8Array(n) }, orders);
    expect(r.gv[0]).toBe(200);
    expect(r.lines.count).toBe(0); // only the seller is active: every level is breakage
    expect(depthFirstOrder(chain)[n - 1]).toBe(n - 1);
    // Reversed numbering: the slow path (breadth-first order).
    const reversed = Int32Array.from({ length: n }, (_, i) => (i === n - 1 ? -1 : i + 1));
    expect(computePeriod(plan, { sponsor: reversed, terminated: new Uint8Array(n) }, ordersOf([0], [0], [5])).gv[n - 1]).toBe(5);
    const loop = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    expect(firstOnCycle(loop)).toBe(0);
  });
});

describe("core API", () => {
  it("computes the example by index", () => {
    const p = parseInterchange(example);
    const r = computePeriod(p.plan, p.company, p.orders, { breakageByOrder: true });
    expect(Array.from(r.pv)).toEqual([100, 50, 900, 120]);
    expect(Array.from(r.gv)).toEqual([1170, 1070, 1020, 120]);
    expect(Array.from(r.active)).toEqual([1, 0, 1, 1]);
    expect(Array.from(r.rank)).toEqual([1, 0, 1, 0]);
    expect(Array.from(r.nextActive)).toEqual([-1, 0, 0, 2]);
    expect(r.lines.count).toBe(5);
    expect(Array.from(r.lines.order)).toEqual([1, 2, 3, 3, 3]);
    expect(Array.from(r.lines.beneficiary)).toEqual([0, 0, 3, 2, 0]);
    expect(Array.from(r.lines.level)).toEqual([1, 1, 0, 1, 2]);
    expect(Array.from(r.lines.amount)).toEqual([500, 6000, 2000, 1000, 500]);
    expect(r.breakage).toBe(6940);
    expect(Array.from(r.breakageByOrder ?? [])).toEqual([1440, 400, 4800, 300, 0]);
  });

  it("explains the example: compression skips, lost levels and their reasons", () => {
    const p = parseInterchange(example);
    for (const explain of [true, false]) {
      const r = computePeriod(p.plan, p.company, p.orders, { explain });
      // o3: C's sponsor B (inactive) is skipped, A takes level 1, levels 2 and 3 have no upline.
      expect(explainOrder(r, 2)).toStrictEqual({
        orderIndex: 2,
        sellerIndex: 2,
        lines: [{ orderIndex: 2, sellerIndex: 2, level: 1, rateBps: 1000, beneficiaryIndex: 0, amount: 6000, skipped: [{ index: 1, reason: "inactive" }] }],
        breakage: [
          { orderIndex: 2, level: 2, rateBps: 500, amount: 3000, uplineIndex: -1, reason: "no-upline", skipped: [] },
          { orderIndex: 2, level: 3, rateBps: 300, amount: 1800, uplineIndex: -1, reason: "no-upline", skipped: [] },
        ],
      });
      // o4: level 0 to D, C level 1, B skipped, A level 2.
      expect(explainOrder(r, 3).lines.map((l) => [l.level, l.beneficiaryIndex, l.skipped.map((s) => s.index)])).toEqual([
        [0, 3, []],
        [1, 2, []],
        [2, 0, [1]],
      ]);
      expect(explainLine(r, 4)).toMatchObject({ orderIndex: 3, level: 2, beneficiaryIndex: 0, skipped: [{ index: 1, reason: "inactive" }] });
      // o5 is refunded: nothing to explain.
      expect(explainOrder(r, 4)).toStrictEqual({ orderIndex: 4, sellerIndex: 3, lines: [], breakage: [] });
      expect(() => explainLine(r, 5)).toThrow(RangeError);
    }
  });

  it("explains lost levels: rank, inactive and terminated uplines, and the skipped rest of a chain", () => {
    // 0 root active low rank; 1 terminated; 2 inactive; 3 seller.
    const sponsor = Int32Array.from([-1, 0, 1, 2]);
    const terminated = Uint8Array.from([0, 1, 0, 0]);
    const ranked: Plan = { ...plan, ranks: [{ name: "Low", minPv: 0, minGv: 0, paidLevels: 0 }] };
    const orders = ordersOf([0, 3], [0, 10000], [100, 100]);
    const off = computePeriod({ ...ranked, compression: false }, { sponsor, terminated }, orders, { explain: true });
    expect(explainOrder(off, 1).breakage.map((b) => [b.level, b.uplineIndex, b.reason])).toEqual([
      [1, 2, "inactive"],
      [2, 1, "terminated"],
      [3, 0, "rank"],
    ]);
    const on = computePeriod(ranked, { sponsor, terminated }, orders, { explain: true });
    expect(explainOrder(on, 1).breakage).toStrictEqual([
      {
        orderIndex: 1,
        level: 1,
        rateBps: 1000,
        amount: 1000,
        uplineIndex: 0,
        reason: "rank",
        skipped: [
          { index: 2, reason: "inactive" },
          { index: 1, reason: "terminated" },
        ],
      },
      { orderIndex: 1, level: 2, rateBps: 500, amount: 500, uplineIndex: -1, reason: "no-upline", skipped: [] },
      { orderIndex: 1, level: 3, rateBps: 300, amount: 300, uplineIndex: -1, reason: "no-upline", skipped: [] },
    ]);
    // With the root inactive too, the first lost level lists the whole chain as skipped.
    const none = computePeriod(ranked, { sponsor, terminated }, ordersOf([3], [10000], [100]), { explain: true });
    expect(explainOrder(none, 0).breakage.map((b) => b.skipped.map((s) => s.index))).toEqual([[2, 1, 0], [], []]);
  });

  it("payOrder explains one order; uplineWindow and orderDependsOn follow the compressed upline", () => {
    const p = parseInterchange(example);
    const r = computePeriod(p.plan, p.company, p.orders);
    const one = payOrder(r, { seller: 3, kind: 1, cv: 10000 }, { explain: true, orderIndex: 42 });
    expect(one.lines).toEqual([
      { beneficiary: 3, level: 0, amount: 2000 },
      { beneficiary: 2, level: 1, amount: 1000 },
      { beneficiary: 0, level: 2, amount: 500 },
    ]);
    expect(one.breakage).toBe(300);
    expect(one.explanation?.orderIndex).toBe(42);
    expect(one.explanation?.lines.every((l) => l.orderIndex === 42)).toBe(true);
    expect(Array.from(uplineWindow(r, 3))).toEqual([2, 0]);
    expect(Array.from(uplineWindow(r, 2))).toEqual([0]);
    expect(Array.from(uplineWindow(r, 0))).toEqual([]);
    // D's orders: the window is [C, A] and is shorter than the plan, so anyone above counts.
    expect([0, 1, 2, 3].map((x) => orderDependsOn(r, 3, x))).toEqual([true, true, true, false]);
  });

  it("refuses inconsistent arrays", () => {
    const company = { sponsor: Int32Array.from([-1, 0]), terminated: new Uint8Array(2) };
    expect(() => computePeriod(plan, company, ordersOf([2], [1], [1]))).toThrow(/seller index 2 out of range/);
    expect(() => computePeriod(plan, company, { ...ordersOf([1], [1], [1]), kind: new Uint8Array(3) })).toThrow(/differ in length/);
    expect(() => computePeriod(plan, { ...company, terminated: new Uint8Array(1) }, ordersOf([1], [1], [1]))).toThrow(/differ in length/);
    const { seller, kind, cv } = ordersOf([1], [1], [1]);
    expect(() => computePeriod(plan, company, { seller, kind, cv })).toThrow(/pvByDistributor/);
  });

  it("plans longer than 255 levels keep exact level numbers", () => {
    const n = 400;
    const sponsor = Int32Array.from({ length: n }, (_, i) => i - 1);
    const long: Plan = {
      ...plan,
      activeMinPv: 0,
      levelsBps: Array.from({ length: 300 }, () => 1),
      ranks: [{ name: "All", minPv: 0, minGv: 0, paidLevels: 300 }],
    };
    const r = computePeriod(long, { sponsor, terminated: new Uint8Array(n) }, ordersOf([n - 1], [1e8], [0]), { explain: true });
    expect(r.lines.count).toBe(300);
    expect(r.lines.level[299]).toBe(300);
    expect(explainLine(r, 299).level).toBe(300);
  });
});
