import { describe, expect, it } from "vitest";
import { monthOf, previousMonth } from "./periods";

describe("calendar-month periods (UTC)", () => {
  it.each([
    ["2026-11-27T04:00:00Z", "2026-11-01", "2026-12-01"],
    ["2026-12-31T23:59:59.999Z", "2026-12-01", "2027-01-01"],
    ["2027-01-01T00:00:00Z", "2027-01-01", "2027-02-01"],
    ["2028-02-29T12:00:00Z", "2028-02-01", "2028-03-01"],
  ])("%s falls in [%s, %s)", (at, startsOn, endsOn) => {
    expect(monthOf(new Date(at))).toEqual({ startsOn, endsOn });
  });

  it("steps back across a year", () => {
    expect(previousMonth({ startsOn: "2027-01-01", endsOn: "2027-02-01" })).toEqual({ startsOn: "2026-12-01", endsOn: "2027-01-01" });
  });
});
