import { describe, expect, it } from "vitest";
import { attributionCookieOptions, signAttribution, verifyAttribution } from "./attribution-cookie";

const secret = "unit-test-secret-0123456789abcdef0123456789";

describe("the attribution cookie", () => {
  it("round-trips a code", () => {
    const value = signAttribution("dana-rivers", secret);
    expect(value).toMatch(/^dana-rivers\.[A-Za-z0-9_-]{43}$/);
    expect(verifyAttribution(value, secret)).toBe("dana-rivers");
  });

  it("rejects a value whose code was swapped for another", () => {
    const mac = signAttribution("dana-rivers", secret).split(".")[1];
    expect(verifyAttribution(`someone-else.${mac}`, secret)).toBeNull();
  });

  it("rejects a tampered or truncated signature", () => {
    const value = signAttribution("dana-rivers", secret);
    const flipped = value.slice(0, -1) + (value.endsWith("A") ? "B" : "A");
    expect(verifyAttribution(flipped, secret)).toBeNull();
    expect(verifyAttribution(value.slice(0, -5), secret)).toBeNull();
    expect(verifyAttribution(`${value}x`, secret)).toBeNull();
  });

  it("rejects a value signed with another secret", () => {
    expect(verifyAttribution(signAttribution("dana-rivers", "another-secret-0123456789abcdef0123456789"), secret)).toBeNull();
  });

  it.each([null, undefined, "", "dana-rivers", ".abc", "dana-rivers.", "Dana-Rivers.x", "bad code.x", "x".repeat(500)])("rejects %j", (value) => {
    expect(verifyAttribution(value, secret)).toBeNull();
  });

  it("accepts only the canonical (lowercase) spelling it issued", () => {
    const mac = signAttribution("dana-rivers", secret).split(".")[1];
    expect(verifyAttribution(`DANA-RIVERS.${mac}`, secret)).toBeNull();
  });

  it("is httpOnly, lax, 30 days, and secure only over https", () => {
    expect(attributionCookieOptions(true)).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: 2_592_000 });
    expect(attributionCookieOptions(false).secure).toBe(false);
  });
});
