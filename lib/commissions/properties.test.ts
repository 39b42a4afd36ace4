import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inputArb, shuffled } from "./arbitraries.test-helper";
import {
  computeInterchange,
  computePeriod,
  computeVolumes,
  explainOrder,
  formatInterchange,
  meetsRetailRule,
  retailShortfalls,
  orderDependsOn,
  parseInterchange,
  payOrder,
  payOrders,
  uplineWindow,
  type InterchangeOutput,
  type PeriodResult,
  type Plan,
} from "./index";
import { naiveCompute } from "./naive.test-helper";

// The spec's invariants over random small companies, and agreement with the naive
// implementation (naive.test-helper.ts), which walks the rules literally.

const runs = { numRuns: 200 };

function runCore(input: unknown): { result: PeriodResult; ids: string[]; orderIds: string[] } {
  const p = parseInterchange(input);
  const result = computePeriod(p.plan, p.company, p.orders, { tree: p.tree, breakageByOrder: true });
  return { result, ids: p.distributorIds, orderIds: p.orderIds };
}

/** The plan without the retail rule's customer form. */
function withoutCustomerForm(plan: Plan): Plan {
  const out = { ...plan };
  delete out.retailMinCustomers;
  return out;
}

const levelPayout = (cv: number, levelsBps: number[]): number => levelsBps.reduce((sum, b) => sum + Math.floor((cv * b) / 10000), 0);

describe("agreement with the naive implementation", () => {
  it("computeInterchange equals the naive result", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const { distributors, commissions, totals, breakageCents } = naiveCompute(input);
        expect(computeInterchange(input)).toStrictEqual({ distributors, commissions, totals, breakageCents });
      }),
      runs,
    );
  });

  it("the formatted document parses to the same result", () => {
    fc.assert(
      fc.property(inputArb({ maxDistributors: 10, maxOrders: 10 }), (input) => {
        expect(JSON.parse(formatInterchange(input))).toStrictEqual(computeInterchange(input));
      }),
      { numRuns: 100 },
    );
  });

  it("explanations match the naive walk level by level; windows match its uplines", () => {
    fc.assert(
      fc.property(inputArb(), fc.boolean(), (input, recorded) => {
        const naive = naiveCompute(input);
        const p = parseInterchange(input);
        const result = computePeriod(p.plan, p.company, p.orders, { tree: p.tree, explain: recorded });
        const id = (i: number): string | null => (i < 0 ? null : (p.distributorIds[i] ?? "?"));
        input.orders.forEach((o, index) => {
          const e = explainOrder(result, index);
          const levels = naive.levelsByOrder.get(o.id);
          if (levels === undefined) {
            expect(e.lines).toEqual([]);
            expect(e.breakage).toEqual([]);
            return;
          }
          const level0 = naive.commissions.filter((c) => c.orderId === o.id && c.level === 0);
          const expectedLines = [
            ...level0.map((c) => ({ level: 0, beneficiary: c.beneficiaryId, amount: c.amountCents, skipped: [] as string[] })),
            ...levels
              .filter((l) => l.beneficiaryId !== null && l.amount > 0)
              .map((l) => ({ level: l.level, beneficiary: l.beneficiaryId, amount: l.amount, skipped: l.skipped.map((s) => `${s.id}:${s.reason}`) })),
          ];
          const gotLines = e.lines.map((l) => ({
            level: l.level,
            beneficiary: id(l.beneficiaryIndex),
            amount: l.amount,
            skipped: l.skipped.map((s) => `${id(s.index)}:${s.reason}`),
          }));
          expect(gotLines).toEqual(expectedLines);
          const expectedLost = levels
            .filter((l) => l.beneficiaryId === null)
            .map((l) => ({ level: l.level, upline: l.uplineId, reason: l.reason, amount: l.amount, skipped: l.skipped.map((s) => `${s.id}:${s.reason}`) }));
          const gotLost = e.breakage.map((b) => ({
            level: b.level,
            upline: id(b.uplineIndex),
            reason: b.reason,
            amount: b.amount,
            skipped: b.skipped.map((s) => `${id(s.index)}:${s.reason}`),
          }));
          expect(gotLost).toEqual(expectedLost);
          for (const l of e.lines) expect(l.rateBps).toBe(l.level === 0 ? input.plan.personalBps : input.plan.levelsBps[l.level - 1]);
          const window = Array.from(uplineWindow(result, p.orders.seller[index] ?? -1), (u) => id(u));
          expect(window).toEqual(levels.filter((l) => l.uplineId !== null).map((l) => l.uplineId));
        });
      }),
      runs,
    );
  });
});

describe("invariants", () => {
  it("per order: paid levels + breakage = the full level payout; amounts are positive integers", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const { result } = runCore(input);
        const { lines, orders } = result;
        const paid = new Float64Array(orders.seller.length);
        for (let i = 0; i < lines.count; i++) {
          const a = lines.amount[i] ?? 0;
          expect(Number.isSafeInteger(a) && a > 0).toBe(true);
          if ((lines.level[i] ?? 0) >= 1) paid[lines.order[i] ?? 0]! += a;
        }
        let total = 0;
        input.orders.forEach((o, index) => {
          const b = result.breakageByOrder?.[index] ?? NaN;
          if (o.status !== "paid") {
            expect(b).toBe(0);
            return;
          }
          expect(paid[index]! + b).toBe(levelPayout(o.cvCents, input.plan.levelsBps));
          expect(b).toBeGreaterThanOrEqual(0);
          total += b;
        });
        expect(result.breakage).toBe(total);
      }),
      runs,
    );
  });

  it("nobody earns twice from one order, nor from their own order at levels >= 1; lines are ordered", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const { result } = runCore(input);
        const { lines, orders } = result;
        const seen = new Set<string>();
        for (let i = 0; i < lines.count; i++) {
          const o = lines.order[i] ?? -1;
          const level = lines.level[i] ?? -1;
          const b = lines.beneficiary[i] ?? -1;
          const key = `${o}:${b}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          if (level === 0) expect(b).toBe(orders.seller[o]);
          else expect(b).not.toBe(orders.seller[o]);
          if (i > 0) {
            const po = lines.order[i - 1] ?? -1;
            expect(po < o || (po === o && (lines.level[i - 1] ?? -1) < level)).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it("a full run is independent of the order of the input lists", () => {
    const asSets = (out: InterchangeOutput) => ({
      distributors: [...out.distributors].sort((a, b) => (a.id < b.id ? -1 : 1)),
      commissions: out.commissions.map((c) => JSON.stringify(c)).sort(),
      totals: out.totals,
      breakageCents: out.breakageCents,
    });
    fc.assert(
      fc.property(inputArb(), fc.integer(), (input, seed) => {
        const shuffledInput = { ...input, distributors: shuffled(input.distributors, seed), orders: shuffled(input.orders, seed + 1) };
        expect(asSets(computeInterchange(shuffledInput))).toStrictEqual(asSets(computeInterchange(input)));
      }),
      runs,
    );
  });
});

describe("core paths agree", () => {
  it("window table and per-order walk give identical lines, with or without explanations", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const p = parseInterchange(input);
        const state = computePeriod(p.plan, p.company, p.orders);
        const a = payOrders(state, p.orders, { strategy: "table", breakageByOrder: true });
        const b = payOrders(state, p.orders, { strategy: "walk", breakageByOrder: true, explain: true });
        expect(b.lines).toStrictEqual(a.lines);
        expect(b.breakageByOrder).toStrictEqual(a.breakageByOrder);
        expect(b.breakage).toBe(a.breakage);
      }),
      runs,
    );
  });

  it("payOrder on one order gives that order's lines and breakage from the full run", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const { result } = runCore(input);
        const { orders, lines } = result;
        for (let o = 0; o < orders.seller.length; o++) {
          if (orders.counted?.[o] === 0) continue;
          const kind = orders.kind[o] === 1 ? 1 : 0;
          const one = payOrder(result, { seller: orders.seller[o] ?? -1, kind, cv: orders.cv[o] ?? 0 });
          const expected: { beneficiary: number; level: number; amount: number }[] = [];
          for (let i = 0; i < lines.count; i++) {
            if (lines.order[i] === o) expected.push({ beneficiary: lines.beneficiary[i] ?? -1, level: lines.level[i] ?? -1, amount: lines.amount[i] ?? -1 });
          }
          expect(one.lines).toEqual(expected);
          expect(one.breakage).toBe(result.breakageByOrder?.[o]);
        }
      }),
      runs,
    );
  });

  it("pvByDistributor (and retailPvByDistributor, retailCustomersByDistributor) give the same run as PV from orders", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const p = parseInterchange(input);
        const a = computePeriod(p.plan, p.company, p.orders);
        const { seller, kind, cv, counted } = p.orders;
        const retail = {
          ...(a.retailPv === null ? {} : { retailPvByDistributor: a.retailPv.slice() }),
          ...(a.retailCustomers === null ? {} : { retailCustomersByDistributor: a.retailCustomers.slice() }),
        };
        const b = computePeriod(p.plan, p.company, { seller, kind, cv, counted }, { pvByDistributor: a.pv.slice(), ...retail });
        expect(b.gv).toStrictEqual(a.gv);
        expect(b.rank).toStrictEqual(a.rank);
        expect(b.lines).toStrictEqual(a.lines);
      }),
      { numRuns: 100 },
    );
  });

  it("orderDependsOn: changing someone's activity/rank leaves the other orders' lines alone", () => {
    // Ranks on PV only, so changing x's PV changes x's activity and rank and nobody else's.
    fc.assert(
      fc.property(inputArb({ pvOnlyRanks: true }), fc.nat(), fc.integer({ min: 0, max: 400 }), (input, pick, newPv) => {
        const p = parseInterchange(input);
        const before = computePeriod(p.plan, p.company, p.orders);
        const x = pick % p.distributorIds.length;
        const pv = before.pv.slice();
        pv[x] = newPv;
        const after = computeVolumes(p.plan, p.company, pv, undefined, before.retailPv ?? undefined, before.retailCustomers ?? undefined);
        const { orders } = before;
        for (let o = 0; o < orders.seller.length; o++) {
          if (orders.counted?.[o] === 0) continue;
          const seller = orders.seller[o] ?? -1;
          if (orderDependsOn(before, seller, x)) continue;
          const order = { seller, kind: orders.kind[o] === 1 ? (1 as const) : (0 as const), cv: orders.cv[o] ?? 0 };
          const l1 = payOrder(before, order).lines.filter((l) => l.level > 0);
          const l2 = payOrder(after, order).lines.filter((l) => l.level > 0);
          expect(l2).toEqual(l1);
        }
      }),
      runs,
    );
  });
});

describe("the retail rule", () => {
  const withoutRule = ({ activeMinPv, personalBps, levelsBps, compression, ranks }: Plan): Plan => ({
    activeMinPv,
    personalBps,
    levelsBps,
    compression,
    ranks,
  });

  it("off (absent or 0) is exactly the run without it", () => {
    fc.assert(
      fc.property(inputArb({ retail: false }), (input) => {
        const zero = { ...input, plan: { ...input.plan, retailMinBps: 0 } };
        expect(computeInterchange(zero)).toStrictEqual(computeInterchange(input));
        const p = parseInterchange(zero);
        expect(computePeriod(p.plan, p.company, p.orders).retailPv).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it("on: only removes money; a distributor failing it earns nothing at levels >= 1; levels 0 unchanged", () => {
    fc.assert(
      fc.property(inputArb({ retail: true }), (input) => {
        const p = parseInterchange(input);
        const on = computePeriod(p.plan, p.company, p.orders, { breakageByOrder: true });
        const off = computePeriod(withoutRule(p.plan), p.company, p.orders, { breakageByOrder: true });
        const total = (r: PeriodResult, level0: boolean) => {
          const t = new Float64Array(p.distributorIds.length);
          for (let i = 0; i < r.lines.count; i++) if ((r.lines.level[i] === 0) === level0) t[r.lines.beneficiary[i]!]! += r.lines.amount[i]!;
          return t;
        };
        expect(total(on, true)).toStrictEqual(total(off, true));
        const onLevels = total(on, false);
        const offLevels = total(off, false);
        for (let i = 0; i < onLevels.length; i++) {
          expect(onLevels[i]).toBeLessThanOrEqual(offLevels[i]!);
          if (!meetsRetailRule(on, i)) expect(onLevels[i]).toBe(0);
        }
        // Same windows (activity is untouched), so per order: what the rule withholds is breakage.
        expect(on.active).toStrictEqual(off.active);
        expect(on.nextActive).toStrictEqual(off.nextActive);
        const paidOn = on.breakage + onLevels.reduce((a, b) => a + b, 0);
        const paidOff = off.breakage + offLevels.reduce((a, b) => a + b, 0);
        expect(paidOn).toBe(paidOff);
      }),
      runs,
    );
  });

  it("on, and met by everyone (every order retail), pays exactly as off", () => {
    fc.assert(
      fc.property(inputArb({ retail: true }), (input) => {
        // The share form only (the customer form has its own tests below).
        const plan = withoutCustomerForm(input.plan);
        const allRetail = { plan, distributors: input.distributors, orders: input.orders.map((o) => ({ ...o, kind: "retail" as const })) };
        expect(computeInterchange(allRetail)).toStrictEqual(computeInterchange({ ...allRetail, plan: withoutRule(allRetail.plan) }));
      }),
      { numRuns: 100 },
    );
  });

  it("orderDependsOn covers a change of someone's retail PV", () => {
    fc.assert(
      fc.property(inputArb({ retail: true }), fc.nat(), fc.integer({ min: 0, max: 400 }), (input, pick, retail) => {
        const p = parseInterchange(input);
        const before = computePeriod(p.plan, p.company, p.orders);
        if (before.retailPv === null) return;
        const x = pick % p.distributorIds.length;
        const retailPv = before.retailPv.slice();
        retailPv[x] = Math.min(retail, before.pv[x]!);
        const after = computeVolumes(p.plan, p.company, before.pv, undefined, retailPv, before.retailCustomers ?? undefined);
        const { orders } = before;
        for (let o = 0; o < orders.seller.length; o++) {
          if (orders.counted?.[o] === 0) continue;
          const seller = orders.seller[o] ?? -1;
          if (orderDependsOn(before, seller, x)) continue;
          const order = { seller, kind: orders.kind[o] === 1 ? (1 as const) : (0 as const), cv: orders.cv[o] ?? 0 };
          expect(payOrder(after, order).lines).toEqual(payOrder(before, order).lines);
        }
      }),
      runs,
    );
  });
});

describe("the retail rule's customer form", () => {
  const withoutCustomers = withoutCustomerForm;

  it("off (absent or 0) is exactly the run without it", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const plan = withoutCustomers(input.plan);
        const zero = { ...input, plan: { ...plan, retailMinCustomers: 0 } };
        expect(computeInterchange(zero)).toStrictEqual(computeInterchange({ ...input, plan }));
        const p = parseInterchange(zero);
        expect(computePeriod(p.plan, p.company, p.orders).retailCustomers).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it("counts each seller's distinct customers of paid retail orders, as the naive reading does", () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const p = parseInterchange({ ...input, plan: { ...input.plan, retailMinCustomers: 1 } });
        const counted = computePeriod(p.plan, p.company, p.orders).retailCustomers;
        const naive = p.distributorIds.map(
          (id) =>
            new Set(
              input.orders
                .filter((o) => o.sellerId === id && o.status === "paid" && o.kind === "retail" && o.customerId !== undefined)
                .map((o) => o.customerId),
            ).size,
        );
        expect(Array.from(counted ?? [])).toEqual(naive);
      }),
      runs,
    );
  });

  it("on: only withholds level pay of those failing it (as breakage, reason retail, naming the shortfall); never moves money to others", () => {
    fc.assert(
      fc.property(inputArb(), fc.integer({ min: 1, max: 4 }), (input, minCustomers) => {
        const base = withoutCustomers(input.plan);
        const p = parseInterchange({ ...input, plan: { ...base, retailMinCustomers: minCustomers } });
        const on = computePeriod(p.plan, p.company, p.orders, { explain: true });
        const off = computePeriod(base, p.company, p.orders);
        expect(on.active).toStrictEqual(off.active);
        expect(on.nextActive).toStrictEqual(off.nextActive);
        expect(on.rank).toStrictEqual(off.rank);
        const key = (r: PeriodResult, i: number) => `${r.lines.order[i]} ${r.lines.level[i]}`;
        const offLines = new Map<string, [number, number]>();
        for (let i = 0; i < off.lines.count; i++) offLines.set(key(off, i), [off.lines.beneficiary[i]!, off.lines.amount[i]!]);
        // Every line of the run with the rule is the same line without it (same beneficiary, same amount)...
        let withheld = 0;
        for (let i = 0; i < on.lines.count; i++) {
          expect(offLines.get(key(on, i))).toEqual([on.lines.beneficiary[i], on.lines.amount[i]]);
          offLines.delete(key(on, i));
        }
        // ...and a line it lacks is a level >= 1 of someone failing the customer form.
        for (const [k, [beneficiary, amount]] of offLines) {
          expect(Number(k.split(" ")[1])).toBeGreaterThan(0);
          expect(retailShortfalls(on, beneficiary).map((s) => s.rule)).toContain("customers");
          withheld += amount;
        }
        expect(on.breakage).toBe(off.breakage + withheld);
        for (let o = 0; o < p.orderIds.length; o++) {
          for (const b of explainOrder(on, o).breakage) {
            if (b.reason === "retail") expect(b.retailShortfalls?.length).toBeGreaterThan(0);
          }
        }
      }),
      runs,
    );
  });

  it("orderDependsOn covers a change of someone's customer count", () => {
    fc.assert(
      fc.property(inputArb(), fc.nat(), fc.integer({ min: 0, max: 5 }), (input, pick, count) => {
        const p = parseInterchange({ ...input, plan: { ...input.plan, retailMinCustomers: 2 } });
        const before = computePeriod(p.plan, p.company, p.orders);
        const x = pick % p.distributorIds.length;
        const customers = before.retailCustomers!.slice();
        customers[x] = count;
        const after = computeVolumes(p.plan, p.company, before.pv, undefined, before.retailPv ?? undefined, customers);
        const { orders } = before;
        for (let o = 0; o < orders.seller.length; o++) {
          if (orders.counted?.[o] === 0) continue;
          const seller = orders.seller[o] ?? -1;
          if (orderDependsOn(before, seller, x)) continue;
          const order = { seller, kind: orders.kind[o] === 1 ? (1 as const) : (0 as const), cv: orders.cv[o] ?? 0 };
          expect(payOrder(after, order).lines).toEqual(payOrder(before, order).lines);
        }
      }),
      runs,
    );
  });
});
