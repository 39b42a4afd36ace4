import { describe, expect, it } from "vitest";
import { makeReferralCode, normalizeReferralCode, referralCodePattern, slugifyName } from "./referral-code";

describe("referral codes", () => {
  it.each([
    ["Zoë O'Neil", "zoe-o-neil"],
    ["  Ana   María  ", "ana-maria"],
    ["<script>alert(1)</script>", "script-alert-1-scrip"],
    ["李小龍", "member"],
    ["A very long name that goes on and on", "a-very-long-name-tha"],
  ])("slugifies %j as %j", (name, slug) => {
    expect(slugifyName(name)).toBe(slug);
  });

  it("derives a valid, human-friendly code from a name", () => {
    let i = 0;
    const code = makeReferralCode("Zoë O'Neil", () => i++);
    expect(code).toBe("zoe-o-neil-abc");
    expect(referralCodePattern.test(code)).toBe(true);
  });

  it.each([
    ["Dana-Rivers", "dana-rivers"],
    [" dana-rivers ", "dana-rivers"],
    ["ab", null],
    ["-dana", null],
    ["dana-", null],
    ["dana rivers", null],
    ["dana/../x", null],
    ["x".repeat(33), null],
    ["", null],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeReferralCode(input)).toBe(expected);
  });
});
