import { describe, expect, it } from "vitest";
import { retailCustomerStanding, retailRuleStanding } from "./summary";

// The dashboard's retail requirement: the same integer test as the engine's (docs/commissions.md "The retail rule").
describe("retailRuleStanding", () => {
  it.each([
    { name: "45% of 200 PV, 70% needed", pv: 200, retail: 90, shareBps: 4500, neededPv: 140, met: false },
    { name: "exactly at the threshold", pv: 100, retail: 70, shareBps: 7000, neededPv: 70, met: true },
    { name: "a fraction short: the needed PV rounds up", pv: 101, retail: 70, shareBps: 6930, neededPv: 71, met: false },
    { name: "no volume yet meets it", pv: 0, retail: 0, shareBps: null, neededPv: 0, met: true },
  ])("$name", ({ pv, retail, shareBps, neededPv, met }) => {
    expect(retailRuleStanding(7000, pv, retail)).toEqual({ minBps: 7000, retailPv: retail, shareBps, neededPv, met });
  });
});

// Its customer form: distinct customers against the plan's number.
describe("retailCustomerStanding", () => {
  it.each([
    { name: "2 of 3", customers: 2, met: false },
    { name: "exactly 3", customers: 3, met: true },
    { name: "more than needed", customers: 5, met: true },
    { name: "none yet", customers: 0, met: false },
  ])("$name", ({ customers, met }) => {
    expect(retailCustomerStanding(3, customers)).toEqual({ minCustomers: 3, customers, met });
  });
});
