import { describe, expect, it } from "vitest";
import { addDays, dateOf, daysBetween, formatRunDate, nextRunDate, ordinalDay, runAfter } from "./cycle";

describe("autoship dates", () => {
  it("finds the next date on a day of the month, strictly after a date", () => {
    expect(nextRunDate(15, "2026-11-12")).toBe("2026-11-15");
    expect(nextRunDate(15, "2026-11-15")).toBe("2026-12-15");
    expect(nextRunDate(15, "2026-11-20")).toBe("2026-12-15");
    // Across a year, and on the 28th of February.
    expect(nextRunDate(3, "2026-12-31")).toBe("2027-01-03");
    expect(nextRunDate(28, "2027-02-01")).toBe("2027-02-28");
    expect(nextRunDate(1, "2027-02-28")).toBe("2027-03-01");
  });

  it("moves a run's subscription past both its cycle and today", () => {
    expect(runAfter(15, "2026-11-15", "2026-11-15")).toBe("2026-12-15");
    // Caught up after two months down: the next is in the future, not a missed month.
    expect(runAfter(5, "2027-01-05", "2027-04-20")).toBe("2027-05-05");
    // Run early (an admin's "run now"): the month after the cycle.
    expect(runAfter(20, "2026-12-20", "2026-12-03")).toBe("2027-01-20");
  });

  it("counts and adds days, and names dates for people", () => {
    expect(dateOf(new Date("2026-12-31T23:59:59Z"))).toBe("2026-12-31");
    expect(daysBetween("2026-12-03", "2026-12-15")).toBe(12);
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(formatRunDate("2026-12-15")).toBe("December 15, 2026");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28].map(ordinalDay)).toEqual([
      "the 1st",
      "the 2nd",
      "the 3rd",
      "the 4th",
      "the 11th",
      "the 12th",
      "the 13th",
      "the 21st",
      "the 22nd",
      "the 23rd",
      "the 28th",
    ]);
  });
});
