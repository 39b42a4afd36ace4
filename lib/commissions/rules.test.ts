import { describe, expect, it } from "vitest";
import { computeInterchange, computePeriod, describeShortfall, explainOrder, formatInterchange, parseInterchange } from "./index";
import { dist, input, lineStrings, order, plan } from "./test-kit.test-helper";
import type { InterchangeInput } from "./types";

// One case per rule of the spec, worked by hand. Default plan: active at PV 100, level 0
// 20%, levels 10% / 5% / 3%, compression on, one rank paying 3 levels.

interface Case {
  name: string;
  input: InterchangeInput;
  /** "orderId beneficiaryId level amount", in output order. */
  lines: string[];
  breakage: number;
  /** id -> [pv, gv, active, rank] for the distributors worth checking. */
  people?: Record<string, [number, number, boolean, string | null]>;
  totals?: [string, number][];
}

const twoRanks = [
  { name: "Low", minPv: 0, minGv: 0, paidLevels: 1 },
  { name: "High", minPv: 0, minGv: 1000, paidLevels: 3 },
];

const chainWithInactiveMiddle = (compression: boolean): InterchangeInput =>
  input(
    plan({ compression }),
    [dist("A", null), dist("B", "A"), dist("C", "B")],
    [order("a1", "A", "personal", 100, 0), order("c1", "C", "personal", 100, 10000)],
  );

const terminatedInTheMiddle = (compression: boolean): InterchangeInput =>
  input(
    plan({ compression }),
    [dist("A", null), dist("T", "A", true), dist("S", "T", false)],
    [order("a1", "A", "personal", 100, 0), order("t1", "T", "retail", 500, 10000), order("s1", "S", "personal", 100, 10000)],
  );

// The retail rule at 70%: A sells 10 of 110 PV retail (fails), B exactly 70 of 100 (meets), C none.
const retailCompany = (retailMinBps?: number): InterchangeInput =>
  input(
    retailMinBps === undefined ? plan() : plan({ retailMinBps }),
    [dist("A", null), dist("B", "A"), dist("C", "B")],
    [
      order("a1", "A", "personal", 100, 0),
      order("a2", "A", "retail", 10, 5000),
      order("b1", "B", "retail", 70, 0),
      order("b2", "B", "personal", 30, 0),
      order("c1", "C", "personal", 100, 10000),
    ],
  );

// The customer form: A's retail orders go to one customer (ann, twice; cat's is refunded), B's to
// two (ann and bob; zed bought a personal order, which names no customer). Retail PV: A 15 of 115
// (13%), B 70 of 100 (70%).
const customerCompany = (rule: { retailMinCustomers?: number; retailMinBps?: number } = {}): InterchangeInput =>
  input(
    plan(rule),
    [dist("A", null), dist("B", "A"), dist("C", "B")],
    [
      order("a1", "A", "personal", 100, 0),
      { ...order("a2", "A", "retail", 10, 0), customerId: "ann" },
      { ...order("a3", "A", "retail", 5, 0), customerId: "ann" },
      { ...order("a4", "A", "retail", 50, 0, "refunded"), customerId: "cat" },
      { ...order("b1", "B", "retail", 35, 0), customerId: "ann" },
      { ...order("b2", "B", "retail", 35, 0), customerId: "bob" },
      { ...order("b3", "B", "personal", 30, 0), customerId: "zed" },
      order("c1", "C", "personal", 100, 10000),
    ],
  );

const cases: Case[] = [
  {
    name: "customer rule off: A and B are paid by rank",
    input: customerCompany(),
    lines: ["c1 B 1 1000", "c1 A 2 500"],
    breakage: 300,
    people: { A: [115, 315, true, "All"], B: [100, 200, true, "All"], C: [100, 100, true, "All"] },
  },
  {
    name: "customer rule at 2: A (1 customer: a repeat buyer counts once, a refunded order not at all) loses level 2; B (2) is paid",
    input: customerCompany({ retailMinCustomers: 2 }),
    lines: ["c1 B 1 1000"],
    breakage: 500 + 300,
    people: { A: [115, 315, true, "All"], B: [100, 200, true, "All"], C: [100, 100, true, "All"] },
  },
  {
    name: "customer rule at 3: B (2 customers; a personal order's buyer is none) fails too",
    input: customerCompany({ retailMinCustomers: 3 }),
    lines: [],
    breakage: 1800,
  },
  {
    name: "both forms on (70%, 2 customers): B meets both, A fails both",
    input: customerCompany({ retailMinBps: 7000, retailMinCustomers: 2 }),
    lines: ["c1 B 1 1000"],
    breakage: 800,
  },
  {
    name: "both forms on (75%, 2 customers): B meets the customer form but not the share, so is not paid",
    input: customerCompany({ retailMinBps: 7500, retailMinCustomers: 2 }),
    lines: [],
    breakage: 1800,
  },
  {
    name: "retail rule off: every active upline is paid by rank",
    input: retailCompany(),
    lines: ["a2 A 0 1000", "c1 B 1 1000", "c1 A 2 500"],
    breakage: 900 + 300,
  },
  {
    name: "retail rule on (70%): A (9% retail) keeps level 0 but its level 2 is breakage; B at exactly 70% is paid",
    input: retailCompany(7000),
    lines: ["a2 A 0 1000", "c1 B 1 1000"],
    breakage: 900 + 500 + 300,
    people: { A: [110, 310, true, "All"], B: [100, 200, true, "All"], C: [100, 100, true, "All"] },
  },
  {
    name: "retail rule at 100%: B (70%) fails too, so nothing of c1 is paid",
    input: retailCompany(10000),
    lines: ["a2 A 0 1000"],
    breakage: 900 + 1800,
  },
  {
    name: "compression on: an inactive upline is skipped and does not use up a level",
    input: chainWithInactiveMiddle(true),
    lines: ["c1 A 1 1000"],
    breakage: 800,
    people: { A: [100, 200, true, "All"], B: [0, 100, false, "All"], C: [100, 100, true, "All"] },
  },
  {
    name: "compression off: an inactive upline uses up its level, whose money is breakage",
    input: chainWithInactiveMiddle(false),
    lines: ["c1 A 2 500"],
    breakage: 1300,
  },
  {
    name: "rank limits paid levels: the low-rank upline uses its level up, it is not skipped",
    input: input(
      plan({ ranks: twoRanks }),
      [dist("R", null), dist("A", "R"), dist("B", "A"), dist("S", "B")],
      [
        order("r1", "R", "personal", 1000, 0),
        order("a1", "A", "personal", 100, 0),
        order("b1", "B", "personal", 100, 0),
        order("s1", "S", "personal", 100, 10000),
      ],
    ),
    lines: ["s1 B 1 1000", "s1 R 3 300"],
    breakage: 500,
    people: { R: [1000, 1300, true, "High"], A: [100, 300, true, "Low"], B: [100, 200, true, "Low"], S: [100, 100, true, "Low"] },
  },
  {
    name: "terminated (compression on): no rank, not active, no level 0, volume counts upline, skipped",
    input: terminatedInTheMiddle(true),
    lines: ["t1 A 1 1000", "s1 A 1 1000"],
    breakage: 1600,
    people: { A: [100, 700, true, "All"], T: [500, 600, false, null], S: [100, 100, true, "All"] },
    totals: [["A", 2000]],
  },
  {
    name: "terminated (compression off): uses up its level like any inactive upline",
    input: terminatedInTheMiddle(false),
    lines: ["t1 A 1 1000", "s1 A 2 500"],
    breakage: 2100,
  },
  {
    name: "refunded and cancelled orders count for nothing (PV, GV, lines, breakage)",
    input: input(
      plan(),
      [dist("A", null), dist("B", "A")],
      [
        order("b1", "B", "personal", 100, 10000),
        order("b2", "B", "retail", 500, 50000, "refunded"),
        order("b3", "B", "retail", 500, 50000, "cancelled"),
        order("a1", "A", "personal", 100, 0),
      ],
    ),
    lines: ["b1 A 1 1000"],
    breakage: 800,
    people: { A: [100, 200, true, "All"], B: [100, 100, true, "All"] },
  },
  {
    name: "level 0 on retail only, whether or not the seller is active",
    input: input(plan(), [dist("A", null)], [order("p1", "A", "personal", 10, 10000), order("r1", "A", "retail", 10, 10000)]),
    lines: ["r1 A 0 2000"],
    breakage: 3600,
    people: { A: [20, 20, false, "All"] },
  },
  {
    name: "personalBps 0 turns level 0 off",
    input: input(plan({ personalBps: 0 }), [dist("A", null)], [order("r1", "A", "retail", 100, 10000)]),
    lines: [],
    breakage: 1800,
    totals: [],
  },
  {
    name: "a chain shorter than the plan: the missing levels are breakage",
    input: input(
      plan({ levelsBps: [1000, 500, 300, 200, 100], ranks: [{ name: "All", minPv: 0, minGv: 0, paidLevels: 5 }] }),
      [dist("A", null), dist("B", "A")],
      [order("a1", "A", "personal", 100, 0), order("b1", "B", "personal", 0, 10000)],
    ),
    lines: ["b1 A 1 1000"],
    breakage: 1100,
  },
  {
    name: "a single-node company",
    input: input(plan(), [dist("A", null)], [order("r1", "A", "retail", 100, 12345)]),
    lines: ["r1 A 0 2469"],
    breakage: 1234 + 617 + 370,
    people: { A: [100, 100, true, "All"] },
    totals: [["A", 2469]],
  },
  {
    name: "zero CV pays nothing and breaks nothing",
    input: input(plan(), [dist("A", null), dist("B", "A")], [order("a1", "A", "personal", 100, 0), order("b1", "B", "retail", 100, 0)]),
    lines: [],
    breakage: 0,
    totals: [],
  },
  {
    name: "empty ranks: no rank, no upline pay, level 0 still paid",
    input: input(plan({ ranks: [] }), [dist("A", null), dist("B", "A")], [order("a1", "A", "personal", 100, 0), order("b1", "B", "retail", 100, 10000)]),
    lines: ["b1 B 0 2000"],
    breakage: 1800,
    people: { A: [100, 200, true, null], B: [100, 100, true, null] },
  },
  {
    name: "multiple roots: separate trees, lines in input order of orders",
    input: input(
      plan(),
      [dist("A", null), dist("B", "A"), dist("X", null), dist("Y", "X")],
      [
        order("a1", "A", "personal", 100, 0),
        order("x1", "X", "personal", 100, 0),
        order("y1", "Y", "personal", 100, 10000),
        order("b1", "B", "personal", 100, 20000),
      ],
    ),
    lines: ["y1 X 1 1000", "b1 A 1 2000"],
    breakage: 800 + 1600,
    people: { A: [100, 200, true, "All"], X: [100, 200, true, "All"] },
    totals: [
      ["A", 2000],
      ["X", 1000],
    ],
  },
  {
    name: "active needs PV >= activeMinPv (99 is not enough)",
    input: input(plan(), [dist("A", null), dist("B", "A")], [order("a1", "A", "personal", 99, 0), order("b1", "B", "personal", 100, 10000)]),
    lines: [],
    breakage: 1800,
    people: { A: [99, 199, false, "All"] },
  },
  {
    name: "activeMinPv 0: everyone not terminated is active",
    input: input(plan({ activeMinPv: 0 }), [dist("A", null), dist("B", "A")], [order("b1", "B", "personal", 100, 10000)]),
    lines: ["b1 A 1 1000"],
    breakage: 800,
    people: { A: [0, 100, true, "All"] },
  },
  {
    name: "rank: the last rank in the list whose minPv and minGv both qualify",
    input: input(
      plan({
        ranks: [
          { name: "Gold", minPv: 0, minGv: 500, paidLevels: 3 },
          { name: "Pv", minPv: 200, minGv: 0, paidLevels: 1 },
          { name: "Gv", minPv: 0, minGv: 300, paidLevels: 2 },
        ],
      }),
      [dist("A", null), dist("B", null), dist("C", "B")],
      [order("a1", "A", "personal", 250, 0), order("b1", "B", "personal", 100, 0), order("c1", "C", "personal", 500, 0)],
    ),
    lines: [],
    breakage: 0,
    people: { A: [250, 250, true, "Pv"], B: [100, 600, true, "Gv"], C: [500, 500, true, "Gv"] },
  },
  {
    name: "every amount is floored separately",
    input: input(plan(), [dist("A", null), dist("B", "A")], [order("a1", "A", "personal", 100, 0), order("b1", "B", "retail", 0, 999)]),
    lines: ["b1 B 0 199", "b1 A 1 99"],
    breakage: 49 + 29,
  },
  {
    name: "a plan without levels pays level 0 only and breaks nothing",
    input: input(plan({ levelsBps: [] }), [dist("A", null), dist("B", "A")], [order("a1", "A", "personal", 100, 0), order("b1", "B", "retail", 100, 10000)]),
    lines: ["b1 B 0 2000"],
    breakage: 0,
  },
  {
    name: "compression with no active upline at all: every level is breakage",
    input: input(plan(), [dist("A", null), dist("B", "A"), dist("S", "B")], [order("s1", "S", "personal", 100, 10000)]),
    lines: [],
    breakage: 1800,
  },
  {
    name: "10000 bps pays the whole CV",
    input: input(
      plan({ personalBps: 10000, levelsBps: [10000] }),
      [dist("A", null), dist("B", "A")],
      [order("a1", "A", "personal", 100, 0), order("b1", "B", "retail", 0, 500)],
    ),
    lines: ["b1 B 0 500", "b1 A 1 500"],
    breakage: 0,
  },
  {
    name: "distributors may be listed before their sponsors; output keeps input order",
    input: input(
      plan(),
      [dist("C", "B"), dist("B", "A"), dist("A", null)],
      [order("c1", "C", "personal", 100, 10000), order("b1", "B", "personal", 100, 0), order("a1", "A", "personal", 100, 0)],
    ),
    lines: ["c1 B 1 1000", "c1 A 2 500"],
    breakage: 300,
    people: { C: [100, 100, true, "All"], B: [100, 200, true, "All"], A: [100, 300, true, "All"] },
  },
  {
    name: "the largest figures stay exact (CV 1e11, 10000 bps)",
    input: input(
      plan({ personalBps: 10000, levelsBps: [9999, 10000] }),
      [dist("A", null), dist("B", "A")],
      [order("a1", "A", "personal", 100, 0), order("b1", "B", "retail", 9007199254740891, 1e11)],
    ),
    lines: ["b1 B 0 100000000000", "b1 A 1 99990000000"],
    breakage: 1e11,
    people: { A: [100, 9007199254740991, true, "All"], B: [9007199254740891, 9007199254740891, true, "All"] },
  },
];

describe("rules (hand-worked cases)", () => {
  it.each(cases)("$name", (c) => {
    const out = computeInterchange(c.input);
    expect(lineStrings(out)).toEqual(c.lines);
    expect(out.breakageCents).toBe(c.breakage);
    expect(out.distributors.map((d) => d.id)).toEqual(c.input.distributors.map((d) => d.id));
    for (const [id, [pv, gv, active, rank]] of Object.entries(c.people ?? {})) {
      expect(
        out.distributors.find((d) => d.id === id),
        id,
      ).toStrictEqual({ id, pv, gv, active, rank });
    }
    if (c.totals !== undefined) expect(out.totals.map((t) => [t.beneficiaryId, t.amountCents])).toEqual(c.totals);
  });

  it("totals are ordered by id in code-unit order (JavaScript's default sort), not by locale", () => {
    const ids = ["b", "B", "é", "a", "𝒳", "aa", "ｚ"];
    const out = computeInterchange(
      input(
        plan(),
        [dist("Z", null), ...ids.map((id) => dist(id, "Z"))],
        [order("z", "Z", "personal", 100, 0), ...ids.map((id) => order(`o-${id}`, id, "retail", 0, 1000))],
      ),
    );
    expect(out.totals.map((t) => t.beneficiaryId)).toEqual(["B", "Z", "a", "aa", "b", "é", "𝒳", "ｚ"]);
    expect(out.totals.find((t) => t.beneficiaryId === "Z")?.amountCents).toBe(7 * 100);
  });

  it("commissions are ordered by order input order, then level", () => {
    const out = computeInterchange(
      input(
        plan(),
        [dist("A", null), dist("B", "A"), dist("C", "B")],
        [
          order("z-last-id-first", "C", "retail", 100, 10000),
          order("a-first-id-last", "B", "retail", 100, 10000),
          order("a", "A", "personal", 100, 0),
          order("b", "B", "personal", 100, 0),
        ],
      ),
    );
    expect(lineStrings(out)).toEqual([
      "z-last-id-first C 0 2000",
      "z-last-id-first B 1 1000",
      "z-last-id-first A 2 500",
      "a-first-id-last B 0 2000",
      "a-first-id-last A 1 1000",
    ]);
  });
});

describe("the retail rule's explanation", () => {
  it("names the upline who failed the rule as the reason a level was lost", () => {
    const p = parseInterchange(retailCompany(7000));
    for (const explain of [true, false]) {
      const run = computePeriod(p.plan, p.company, p.orders, { explain });
      const c1 = explainOrder(run, p.orderIds.indexOf("c1"));
      expect(c1.breakage.map((b) => [b.level, b.uplineIndex < 0 ? null : p.distributorIds[b.uplineIndex], b.reason, b.amount])).toEqual([
        [2, "A", "retail", 500],
        [3, null, "no-upline", 300],
      ]);
    }
  });
});

describe("money totals beyond 2^53-1", () => {
  it("stay exact: bigint in the object form, exact digits in the document", () => {
    const count = 90_100; // 90,100 orders of 1e11 at 100% = 9.01e15 > 2^53-1
    const doc = input(
      plan({ personalBps: 10000, levelsBps: [10000] }),
      [dist("A", null)],
      Array.from({ length: count }, (_, i) => order(`o${i}`, "A", "retail", 0, 1e11)),
    );
    const out = computeInterchange(doc);
    expect(out.totals).toEqual([{ beneficiaryId: "A", amountCents: 9_010_000_000_000_000n }]);
    expect(out.breakageCents).toBe(9_010_000_000_000_000n);
    const text = formatInterchange(doc);
    expect(text).toContain('{"beneficiaryId":"A","amountCents":9010000000000000}');
    expect(text).toContain('"breakageCents":9010000000000000}');
  });
});

describe("the retail customer rule's explanation", () => {
  it("names which form the upline failed, with the figures", () => {
    const p = parseInterchange(customerCompany({ retailMinBps: 7500, retailMinCustomers: 2 }));
    for (const explain of [true, false]) {
      const run = computePeriod(p.plan, p.company, p.orders, { explain });
      const c1 = explainOrder(run, p.orderIds.indexOf("c1"));
      expect(
        c1.breakage.map((b) => [
          b.level,
          b.uplineIndex < 0 ? null : p.distributorIds[b.uplineIndex],
          b.reason,
          (b.retailShortfalls ?? []).map(describeShortfall),
        ]),
      ).toEqual([
        [1, "B", "retail", ["retail PV 70 of 100 (70%), 75% needed"]],
        [2, "A", "retail", ["retail PV 15 of 115 (13%), 75% needed", "1 of 2 retail customers"]],
        [3, null, "no-upline", []],
      ]);
    }
    const [one] = computePeriod(p.plan, p.company, p.orders, { explain: true }).retailCustomers ?? [];
    expect(one).toBe(1);
  });
});
