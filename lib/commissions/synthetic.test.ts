import { describe, expect, it } from "vitest";
import { computeInterchange, computePeriod, formatInterchange } from "./index";
import { createRng, syntheticCompany, syntheticInterchange } from "./synthetic";

describe("synthetic company", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = syntheticCompany({ distributors: 2000, orders: 6000, seed: 7 });
    const b = syntheticCompany({ distributors: 2000, orders: 6000, seed: 7 });
    const c = syntheticCompany({ distributors: 2000, orders: 6000, seed: 8 });
    expect(b).toStrictEqual(a);
    expect(c.company.sponsor).not.toStrictEqual(a.company.sponsor);
    expect(createRng(1)()).toBe(createRng(1)());
  });

  it("lists sponsors before recruits, with the expected shape", () => {
    const n = 50_000;
    const s = syntheticCompany({ distributors: n, orders: 150_000 });
    const { sponsor } = s.company;
    const fanOut = new Int32Array(n);
    const depth = new Int32Array(n);
    let misplaced = 0;
    for (let i = 1; i < n; i++) {
      const p = sponsor[i] ?? -1;
      if (p < 0 || p >= i) misplaced++;
      fanOut[p]!++;
      depth[i] = (depth[p] ?? 0) + 1;
    }
    expect(sponsor[0]).toBe(-1);
    expect(misplaced).toBe(0);
    const leaves = fanOut.filter((f) => f === 0).length / n;
    expect(leaves).toBeGreaterThan(0.6);
    expect(fanOut.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(500);
    expect(depth.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(15);
    const r = computePeriod(s.plan, s.company, s.orders);
    const active = r.active.reduce((a, b) => a + b, 0) / n;
    expect(active).toBeGreaterThan(0.3);
    expect(active).toBeLessThan(0.5);
  });

  it("converts to an interchange document that computes to the same lines", () => {
    const s = syntheticCompany({ distributors: 300, orders: 900, seed: 3 });
    const doc = syntheticInterchange(s);
    const out = computeInterchange(doc);
    const r = computePeriod(s.plan, s.company, s.orders);
    expect(out.commissions.length).toBe(r.lines.count);
    expect(out.breakageCents).toBe(r.breakage);
    expect(JSON.parse(formatInterchange(doc))).toStrictEqual(out);
  });
});
