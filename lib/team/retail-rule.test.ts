import { describe, expect, it } from "vitest";
import { retailRuleStanding } from "./summary";

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
