import { describe, expect, it } from "vitest";
import { planFieldErrors, planFormValues, planSchema, plansEqual, RATE_CAP_BPS } from "./admin-plan";

const form = {
  activeMinPv: "100",
  personalPct: "20",
  levels: ["8", "5", "4", "3", "2", "1"],
  compression: true,
  retailRule: false,
  retailMinPct: "0",
  retailCustomerRule: false,
  retailMinCustomers: "0",
  ranks: [
    { name: "Member", minPv: "0", minGv: "0", paidLevels: "1" },
    { name: "Bronze", minPv: "100", minGv: "1000", paidLevels: "2" },
    { name: "Gold", minPv: "150", minGv: "10000", paidLevels: "6" },
  ],
};
const errorsOf = (values: typeof form) => {
  const r = planSchema.safeParse(values);
  return r.success ? {} : planFieldErrors(r.error.issues);
};

describe("planSchema", () => {
  it("turns percentages into basis points exactly", () => {
    const plan = planSchema.parse({ ...form, levels: ["12.5", "0.01"], personalPct: "0", ranks: [] });
    expect(plan).toEqual({ activeMinPv: 100, personalBps: 0, levelsBps: [1250, 1], compression: true, ranks: [] });
  });

  it("caps the retail share plus every level at 50% of CV", () => {
    expect(RATE_CAP_BPS).toBe(5000);
    expect(errorsOf({ ...form, personalPct: "30" }).levels).toMatch(/add up to 53% of CV: at most 50%/);
    expect(planSchema.safeParse({ ...form, personalPct: "27" }).success).toBe(true); // exactly 50%
  });

  it("needs 1 to 20 levels", () => {
    expect(errorsOf({ ...form, levels: [], ranks: [] }).levels).toMatch(/at least 1 level/);
    expect(errorsOf({ ...form, levels: Array(21).fill("0.1"), ranks: [] }).levels).toMatch(/at most 20 levels/);
    expect(errorsOf({ ...form, levels: ["8", "x"] })["levels.1"]).toMatch(/percentage/);
  });

  it("needs ranks lowest first, with unique names and no more levels than the plan has", () => {
    const swapped = { ...form, ranks: [form.ranks[0]!, form.ranks[2]!, form.ranks[1]!] };
    expect(errorsOf(swapped)["ranks.2.minGv"]).toMatch(/lowest first: Bronze must need at least the PV and GV of Gold/);
    const same = { ...form, ranks: [form.ranks[0]!, { ...form.ranks[0]!, name: "Twin" }] };
    expect(errorsOf(same)["ranks.1.minGv"]).toMatch(/and more of one/);
    const dup = { ...form, ranks: [form.ranks[0]!, { ...form.ranks[1]!, name: "member" }] };
    expect(errorsOf(dup)["ranks.1.name"]).toBe("Another rank has this name.");
    const tooMany = { ...form, ranks: [{ ...form.ranks[0]!, paidLevels: "7" }] };
    expect(errorsOf(tooMany)["ranks.0.paidLevels"]).toMatch(/has 6 level/);
    const fewer = { ...form, ranks: [form.ranks[0]!, { ...form.ranks[1]!, paidLevels: "0" }] };
    expect(errorsOf(fewer)["ranks.1.paidLevels"]).toMatch(/fewer levels/);
    expect(errorsOf({ ...form, ranks: [{ ...form.ranks[0]!, name: " " }] })["ranks.0.name"]).toBe("Name the rank.");
  });

  it("reads the editor's repeated fields in order", () => {
    const fd = new FormData();
    fd.set("activeMinPv", "100");
    fd.set("personalPct", "20");
    for (const l of ["8", "5"]) fd.append("levelPct", l);
    fd.set("compression", "on");
    for (const [n, p, g, l] of [
      ["A", "0", "0", "1"],
      ["B", "10", "100", "2"],
    ]) {
      fd.append("rankName", n!);
      fd.append("rankMinPv", p!);
      fd.append("rankMinGv", g!);
      fd.append("rankPaidLevels", l!);
    }
    const plan = planSchema.parse(planFormValues(fd));
    expect(plan.ranks.map((r) => r.name)).toEqual(["A", "B"]);
    expect(plansEqual(plan, { ...plan, ranks: [...plan.ranks] })).toBe(true);
    expect(plansEqual(plan, { ...plan, compression: false })).toBe(false);
    expect(plan.retailMinBps).toBeUndefined();
    expect(plansEqual(plan, { ...plan, retailMinBps: 7000 })).toBe(false);
    expect(plansEqual(plan, { ...plan, retailMinBps: 0 })).toBe(true);
  });

  it("the retail rule: off posts no share; on needs a share above 0%", () => {
    expect(planSchema.parse({ ...form, retailRule: true, retailMinPct: "70" }).retailMinBps).toBe(7000);
    expect(errorsOf({ ...form, retailRule: true, retailMinPct: "0" }).retailMinPct).toMatch(/above 0%/);
    expect(errorsOf({ ...form, retailRule: true, retailMinPct: "101" }).retailMinPct).toMatch(/percentage/);
    const fd = new FormData();
    fd.set("retailMinPct", "55");
    expect(planFormValues(fd).retailMinPct).toBe("0");
    fd.set("retailRule", "on");
    expect(planFormValues(fd)).toMatchObject({ retailRule: true, retailMinPct: "55" });
  });

  it("the customer rule: off posts no number; on needs 1 to 100 customers; both forms may be on", () => {
    expect(planSchema.parse({ ...form, retailCustomerRule: true, retailMinCustomers: "3" }).retailMinCustomers).toBe(3);
    expect(planSchema.parse(form).retailMinCustomers).toBeUndefined();
    expect(planSchema.parse({ ...form, retailRule: true, retailMinPct: "70", retailCustomerRule: true, retailMinCustomers: " 5 " })).toMatchObject({
      retailMinBps: 7000,
      retailMinCustomers: 5,
    });
    expect(errorsOf({ ...form, retailCustomerRule: true, retailMinCustomers: "0" }).retailMinCustomers).toMatch(/from 1 to 100, or turn the customer rule off/);
    expect(errorsOf({ ...form, retailCustomerRule: true, retailMinCustomers: "101" }).retailMinCustomers).toMatch(/whole number from 0 to 100/);
    expect(errorsOf({ ...form, retailCustomerRule: true, retailMinCustomers: "2.5" }).retailMinCustomers).toMatch(/whole number/);
    expect(errorsOf({ ...form, retailCustomerRule: true, retailMinCustomers: "" }).retailMinCustomers).toMatch(/whole number/);
    const plan = planSchema.parse(form);
    expect(plansEqual(plan, { ...plan, retailMinCustomers: 3 })).toBe(false);
    expect(plansEqual(plan, { ...plan, retailMinCustomers: 0 })).toBe(true);
    const fd = new FormData();
    fd.set("retailMinCustomers", "4");
    expect(planFormValues(fd).retailMinCustomers).toBe("0");
    fd.set("retailCustomerRule", "on");
    expect(planFormValues(fd)).toMatchObject({ retailCustomerRule: true, retailMinCustomers: "4" });
  });
});
