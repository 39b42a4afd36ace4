import { describe, expect, it } from "vitest";
import { codeChangeLimitMessage, codeChangeTime } from "./display";
import { ALIAS_GRACE_DAYS, aliasActive, aliasExpiresAt, changeAllowance, CODE_CHANGE_WINDOW_DAYS, CODE_CHANGES_PER_WINDOW } from "./code-policy";

const now = new Date("2026-11-14T10:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("the change limit", () => {
  it("is 3 changes in any 30 days", () => {
    expect(CODE_CHANGES_PER_WINDOW).toBe(3);
    expect(CODE_CHANGE_WINDOW_DAYS).toBe(30);
  });

  it("allows every change with none made", () => {
    expect(changeAllowance([], now)).toEqual({ remaining: 3, nextChangeAt: null });
  });

  it("counts the changes of the last 30 days, and says when the oldest stops counting", () => {
    expect(changeAllowance([daysAgo(2), daysAgo(40)], now)).toEqual({ remaining: 2, nextChangeAt: new Date("2026-12-12T10:00:00Z") });
  });

  it("with three in the window, none is left until the oldest of them is 30 days old", () => {
    // The finding: changes in a row, all at once.
    expect(changeAllowance([now, now, now], now)).toEqual({ remaining: 0, nextChangeAt: new Date("2026-12-14T10:00:00Z") });
    expect(changeAllowance([daysAgo(29), daysAgo(10), daysAgo(1)], now)).toEqual({ remaining: 0, nextChangeAt: new Date("2026-11-15T10:00:00Z") });
  });

  it("with more than three counted (never made by the rule, but possible from old data), waits for enough of them to leave", () => {
    const changes = [daysAgo(20), daysAgo(5), daysAgo(3), daysAgo(1)];
    expect(changeAllowance(changes, now)).toEqual({ remaining: 0, nextChangeAt: new Date(daysAgo(5).getTime() + 30 * 86_400_000) });
  });

  it("a change counts for exactly 30 days: at that instant it no longer does", () => {
    expect(changeAllowance([daysAgo(30), daysAgo(1), daysAgo(1)], now).remaining).toBe(1);
    expect(changeAllowance([new Date(daysAgo(30).getTime() + 1), daysAgo(1), daysAgo(1)], now).remaining).toBe(0);
  });

  it("ignores changes after `now` (a clock set back)", () => {
    expect(changeAllowance([new Date(now.getTime() + 1000)], now).remaining).toBe(3);
  });

  it("says when the next change is possible, in words", () => {
    expect(codeChangeTime(new Date("2026-12-14T10:00:00Z"), "UTC")).toBe("Dec 14, 2026, from 10:00 UTC");
    // In the distributor's zone: New York is five hours behind in December, so the day can change too.
    expect(codeChangeTime(new Date("2026-12-14T03:00:00Z"), "America/New_York")).toBe("Dec 13, 2026, from 22:00 EST");
    expect(codeChangeLimitMessage(3, 30, "2026-12-14T00:05:00.000Z", "UTC")).toBe(
      "You have changed your code 3 times in the last 30 days, the most allowed. You can change your code again on Dec 14, 2026, from 00:05 UTC.",
    );
  });
});

describe("the alias grace period", () => {
  it("is 90 days", () => {
    expect(ALIAS_GRACE_DAYS).toBe(90);
  });

  it("a retired code points to its owner for 90 days, then no longer", () => {
    const retired = new Date("2026-06-15T12:00:00Z");
    expect(aliasExpiresAt(retired)).toEqual(new Date("2026-09-13T12:00:00Z"));
    expect(aliasActive(retired, new Date("2026-09-13T11:59:59Z"))).toBe(true);
    expect(aliasActive(retired, new Date("2026-09-13T12:00:00Z"))).toBe(false);
  });
});
