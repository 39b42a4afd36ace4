import { describe, expect, it } from "vitest";
import { CommissionInputError, computeInterchange, runCompute } from "./index";

// Bad input is refused with one line naming the problem and the offending id, and
// nothing is written. These run the same path as the CLI (runCompute on text).

type Doc = Record<string, unknown> & {
  plan: Record<string, unknown> & { ranks: Record<string, unknown>[] };
  distributors: Record<string, unknown>[];
  orders: Record<string, unknown>[];
};

const valid = (): Doc => ({
  plan: {
    activeMinPv: 100,
    personalBps: 2000,
    levelsBps: [1000, 500],
    compression: true,
    ranks: [{ name: "Member", minPv: 0, minGv: 0, paidLevels: 2 }],
  },
  distributors: [
    { id: "A", sponsorId: null },
    { id: "B", sponsorId: "A" },
    { id: "C", sponsorId: "B", terminated: false },
  ],
  orders: [
    { id: "o1", sellerId: "B", kind: "personal", pv: 100, cvCents: 1000, status: "paid" },
    { id: "o2", sellerId: "C", kind: "retail", pv: 10, cvCents: 500, status: "refunded" },
  ],
});

function run(text: string): { code: number; error: string; written: string } {
  let written = "";
  const r = runCompute(text, (chunk) => {
    written += chunk;
  });
  return { code: r.code, error: r.code === 2 ? r.error : "", written };
}

function refused(mutate: (d: Doc) => unknown): { error: string } {
  const d = valid();
  const doc = mutate(d) ?? d;
  const r = run(JSON.stringify(doc));
  expect(r.code).toBe(2);
  expect(r.written).toBe("");
  expect(r.error).not.toContain("\n");
  expect(r.error.length).toBeGreaterThan(0);
  return r;
}

const at = <T>(list: T[], i: number): T => {
  const v = list[i];
  if (v === undefined) throw new Error(`no item ${i}`);
  return v;
};

describe("valid input", () => {
  it("the base document is accepted", () => {
    const r = run(JSON.stringify(valid()));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.written)).toHaveProperty("breakageCents");
  });

  it("unknown extra fields are ignored everywhere", () => {
    const d = valid();
    d.extra = 1;
    d.plan.note = "x";
    at(d.plan.ranks, 0).color = "gold";
    at(d.distributors, 0).email = "a@example.com";
    at(d.orders, 0).currency = "EUR";
    expect(computeInterchange(d)).toStrictEqual(computeInterchange(valid()));
  });

  it("accepts the optional retail rule, and applies it", () => {
    const d = valid();
    d.plan.retailMinBps = 0;
    expect(computeInterchange(d)).toStrictEqual(computeInterchange(valid()));
    // C's retail order paid: B (PV all personal) earns its level 1 with the rule off, not at 50%.
    at(d.orders, 1).status = "paid";
    expect(computeInterchange(d).commissions.filter((c) => c.beneficiaryId === "B")).toEqual([
      { orderId: "o2", beneficiaryId: "B", level: 1, amountCents: 50 },
    ]);
    d.plan.retailMinBps = 5000;
    expect(computeInterchange(d).commissions.filter((c) => c.beneficiaryId === "B")).toEqual([]);
    expect(run(JSON.stringify(d)).code).toBe(0);
  });

  it("accepts the optional customer form of the retail rule and customerIds, and applies them", () => {
    const d = valid();
    d.plan.retailMinCustomers = 0;
    at(d.orders, 0).customerId = "ann";
    expect(computeInterchange(d)).toStrictEqual(computeInterchange(valid()));
    at(d.orders, 1).status = "paid";
    const paysB = () => computeInterchange(d).commissions.filter((c) => c.beneficiaryId === "B");
    expect(paysB()).toEqual([{ orderId: "o2", beneficiaryId: "B", level: 1, amountCents: 50 }]);
    // B has no retail customer (a personal order's customerId is ignored).
    d.plan.retailMinCustomers = 1;
    expect(paysB()).toEqual([]);
    expect(run(JSON.stringify(d)).code).toBe(0);
  });

  it("accepts the bounds: 10000 bps, CV 1e11, empty ranks and lists, absent terminated, -0", () => {
    const d = valid();
    d.plan.personalBps = 10000;
    d.plan.levelsBps = [10000, 0];
    d.plan.ranks = [];
    at(d.orders, 0).cvCents = 1e11;
    expect(run(JSON.stringify(d)).code).toBe(0);
    expect(run('{"plan":{"activeMinPv":-0,"personalBps":0,"levelsBps":[],"compression":false,"ranks":[]},"distributors":[],"orders":[]}').code).toBe(0);
  });

  it("accepts a byte order mark before the document", () => {
    expect(run(`\uFEFF${JSON.stringify(valid())}`).code).toBe(0);
  });
});

describe("bad input", () => {
  it.each([
    ["truncated", '{"plan": '],
    ["empty", ""],
    ["garbage", "nul"],
    ["two documents", "{} {}"],
  ])("invalid JSON (%s)", (_, text) => {
    const r = run(text);
    expect(r.code).toBe(2);
    expect(r.written).toBe("");
    expect(r.error).toMatch(/^invalid JSON/);
    expect(r.error).not.toContain("\n");
  });

  it.each(["[]", "null", "42", '"plan"', "true"])("a top-level document that is not an object: %s", (text) => {
    const r = run(text);
    expect(r.code).toBe(2);
    expect(r.error).toMatch(/object/);
  });

  it.each(["plan", "distributors", "orders"])("missing %s", (key) => {
    expect(refused((d) => void delete d[key]).error).toMatch(new RegExp(`missing field "${key}"`));
  });

  it.each(["activeMinPv", "personalBps", "levelsBps", "compression", "ranks"])("missing plan.%s", (key) => {
    expect(refused((d) => void delete d.plan[key]).error).toBe(`plan: missing field "${key}"`);
  });

  it.each([
    ["plan is not an object", (d: Doc) => ({ ...d, plan: [] }), /plan must be an object/],
    ["negative activeMinPv", (d: Doc) => void (d.plan.activeMinPv = -1), /activeMinPv must be a non-negative integer, got -1/],
    ["fractional activeMinPv", (d: Doc) => void (d.plan.activeMinPv = 1.5), /activeMinPv/],
    ["string personalBps", (d: Doc) => void (d.plan.personalBps = "2000"), /personalBps/],
    ["personalBps over 10000", (d: Doc) => void (d.plan.personalBps = 10001), /personalBps must be an integer from 0 to 10000/],
    ["levelsBps entry over 10000", (d: Doc) => void (d.plan.levelsBps = [1000, 10001]), /levelsBps\[1\]/],
    ["negative levelsBps entry", (d: Doc) => void (d.plan.levelsBps = [-5]), /levelsBps\[0\]/],
    ["levelsBps not a list", (d: Doc) => void (d.plan.levelsBps = 1000), /levelsBps must be a list/],
    ["compression not a boolean", (d: Doc) => void (d.plan.compression = "yes"), /compression/],
    ["retailMinBps over 10000", (d: Doc) => void (d.plan.retailMinBps = 10001), /plan: retailMinBps must be an integer from 0 to 10000, got 10001/],
    ["retailMinBps null", (d: Doc) => void (d.plan.retailMinBps = null), /retailMinBps/],
    ["retailMinCustomers over 100", (d: Doc) => void (d.plan.retailMinCustomers = 101), /plan: retailMinCustomers must be an integer from 0 to 100, got 101/],
    ["retailMinCustomers fractional", (d: Doc) => void (d.plan.retailMinCustomers = 1.5), /retailMinCustomers/],
    ["ranks not a list", (d: Doc) => ({ ...d, plan: { ...d.plan, ranks: {} } }), /ranks must be a list/],
    ["rank not an object", (d: Doc) => ({ ...d, plan: { ...d.plan, ranks: [null] } }), /plan\.ranks\[0\]/],
    ["rank without name", (d: Doc) => void delete at(d.plan.ranks, 0).name, /plan\.ranks\[0\]: missing field "name"/],
    ["rank with empty name", (d: Doc) => void (at(d.plan.ranks, 0).name = ""), /name must be a non-empty string/],
    ["rank with a number for name", (d: Doc) => void (at(d.plan.ranks, 0).name = 3), /name/],
    ["rank without paidLevels", (d: Doc) => void delete at(d.plan.ranks, 0).paidLevels, /^plan\.ranks\[0\] \("Member"\): missing field "paidLevels"$/],
    ["rank with fractional minGv", (d: Doc) => void (at(d.plan.ranks, 0).minGv = 0.5), /minGv/],
  ])("plan: %s", (_, mutate, message) => {
    expect(refused(mutate).error).toMatch(message);
  });

  it.each([
    ["distributors is not a list", (d: Doc) => ({ ...d, distributors: {} }), /distributors must be a list/, null],
    ["a distributor that is not an object", (d: Doc) => ({ ...d, distributors: [at(d.distributors, 0), "B"] }), /distributors\[1\]/, null],
    ["missing id", (d: Doc) => void delete at(d.distributors, 1).id, /distributors\[1\]: missing field "id"/, null],
    ["empty id", (d: Doc) => void (at(d.distributors, 1).id = ""), /distributors\[1\]: id must be a non-empty string/, null],
    ["numeric id", (d: Doc) => void (at(d.distributors, 1).id = 7), /id must be a non-empty string/, null],
    ["duplicate id", (d: Doc) => void d.distributors.push({ id: "B", sponsorId: "A" }), /duplicate distributor id/, "B"],
    ["missing sponsorId", (d: Doc) => void delete at(d.distributors, 1).sponsorId, /missing field "sponsorId"/, "B"],
    ["empty sponsorId", (d: Doc) => void (at(d.distributors, 1).sponsorId = ""), /sponsorId must be a non-empty string or null/, "B"],
    ["numeric sponsorId", (d: Doc) => void (at(d.distributors, 1).sponsorId = 1), /sponsorId/, "B"],
    ["terminated not a boolean", (d: Doc) => void (at(d.distributors, 2).terminated = "no"), /terminated must be true or false/, "C"],
    ["terminated null", (d: Doc) => void (at(d.distributors, 2).terminated = null), /terminated/, "C"],
    ["unknown sponsor", (d: Doc) => void (at(d.distributors, 2).sponsorId = "Q"), /distributor "C": unknown sponsor "Q"/, "C"],
  ])("distributors: %s", (_, mutate, message, id) => {
    const { error } = refused(mutate);
    expect(error).toMatch(message);
    if (id !== null) expect(error).toContain(JSON.stringify(id));
  });

  it.each([
    ["orders is not a list", (d: Doc) => ({ ...d, orders: "none" }), /orders must be a list/, null],
    ["an order that is not an object", (d: Doc) => ({ ...d, orders: [1] }), /orders\[0\]/, null],
    ["missing id", (d: Doc) => void delete at(d.orders, 0).id, /orders\[0\]: missing field "id"/, null],
    ["duplicate id", (d: Doc) => void (at(d.orders, 1).id = "o1"), /duplicate order id/, "o1"],
    ["unknown seller", (d: Doc) => void (at(d.orders, 0).sellerId = "Q"), /unknown seller "Q"/, "o1"],
    ["missing sellerId", (d: Doc) => void delete at(d.orders, 0).sellerId, /missing field "sellerId"/, "o1"],
    ["bad kind", (d: Doc) => void (at(d.orders, 0).kind = "wholesale"), /kind must be "personal" or "retail"/, "o1"],
    ["missing kind", (d: Doc) => void delete at(d.orders, 0).kind, /missing field "kind"/, "o1"],
    ["negative pv", (d: Doc) => void (at(d.orders, 0).pv = -3), /pv must be a non-negative integer, got -3/, "o1"],
    ["fractional pv", (d: Doc) => void (at(d.orders, 0).pv = 2.5), /pv must be a non-negative integer/, "o1"],
    ["string pv", (d: Doc) => void (at(d.orders, 0).pv = "100"), /pv/, "o1"],
    ["null pv", (d: Doc) => void (at(d.orders, 0).pv = null), /pv/, "o1"],
    ["pv beyond 2^53-1", (d: Doc) => void (at(d.orders, 0).pv = 2 ** 53), /pv/, "o1"],
    ["cvCents over 1e11", (d: Doc) => void (at(d.orders, 0).cvCents = 1e11 + 1), /cvCents must be an integer from 0 to 100000000000/, "o1"],
    ["fractional cvCents", (d: Doc) => void (at(d.orders, 0).cvCents = 10.01), /cvCents/, "o1"],
    ["missing cvCents", (d: Doc) => void delete at(d.orders, 0).cvCents, /missing field "cvCents"/, "o1"],
    ["bad status", (d: Doc) => void (at(d.orders, 0).status = "pending"), /status must be "paid", "refunded" or "cancelled"/, "o1"],
    ["missing status", (d: Doc) => void delete at(d.orders, 0).status, /missing field "status"/, "o1"],
    ["a refunded order is validated too (unknown seller)", (d: Doc) => void (at(d.orders, 1).sellerId = "Q"), /unknown seller/, "o2"],
    ["a refunded order is validated too (negative pv)", (d: Doc) => void (at(d.orders, 1).pv = -1), /pv/, "o2"],
    ["empty customerId", (d: Doc) => void (at(d.orders, 1).customerId = ""), /order "o2": customerId must be a non-empty string/, "o2"],
    ["numeric customerId", (d: Doc) => void (at(d.orders, 1).customerId = 7), /customerId/, "o2"],
  ])("orders: %s", (_, mutate, message, id) => {
    const { error } = refused(mutate);
    expect(error).toMatch(message);
    if (id !== null) expect(error).toContain(JSON.stringify(id));
  });

  it("the total PV of paid orders must stay within 2^53-1", () => {
    const { error } = refused((d) => {
      d.orders.push({ id: "big", sellerId: "A", kind: "personal", pv: 2 ** 53 - 1, cvCents: 0, status: "paid" });
    });
    expect(error).toMatch(/total PV/);
  });
});

describe("sponsor cycles", () => {
  it.each([
    [
      "a distributor who is their own sponsor",
      [
        ["A", null],
        ["B", "B"],
      ],
      "B",
      ['"B" -> "B"'],
    ],
    [
      "two distributors sponsoring each other",
      [
        ["R", null],
        ["A", "B"],
        ["B", "A"],
      ],
      "A",
      ['"A" -> "B" -> "A"'],
    ],
    [
      "a cycle reached through a tail",
      [
        ["T", "X"],
        ["X", "Y"],
        ["Y", "Z"],
        ["Z", "X"],
      ],
      "X",
      ['"X" -> "Y" -> "Z" -> "X"'],
    ],
    [
      "a cycle with no root at all",
      [
        ["A", "B"],
        ["B", "C"],
        ["C", "A"],
      ],
      "A",
      ['"A" -> "B" -> "C" -> "A"'],
    ],
  ] as const)("%s", (_, pairs, id, parts) => {
    const { error } = refused((d) => {
      d.distributors = pairs.map(([i, s]) => ({ id: i, sponsorId: s }));
      d.orders = [];
    });
    expect(error).toMatch(/cycle in the sponsor tree/);
    expect(error).toContain(`distributor ${JSON.stringify(id)}`);
    for (const p of parts) expect(error).toContain(p);
  });

  it("a long cycle is shortened in the message", () => {
    const { error } = refused((d) => {
      d.distributors = Array.from({ length: 50 }, (_, i) => ({ id: `d${i}`, sponsorId: `d${(i + 1) % 50}` }));
      d.orders = [];
    });
    expect(error).toMatch(/^cycle in the sponsor tree at distributor "d0": "d0" -> "d1" .* -> \.\.\. -> "d0"$/);
  });

  it("computeInterchange throws a CommissionInputError carrying the id", () => {
    const d = valid();
    at(d.distributors, 0).sponsorId = "C";
    try {
      computeInterchange(d);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CommissionInputError);
      expect(e).toMatchObject({ code: "cycle", id: "A" });
    }
  });
});
