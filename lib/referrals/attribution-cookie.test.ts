import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { attributionCookieOptions, attributionIssuedAt, signAttribution, verifyAttribution } from "./attribution-cookie";

const secret = "unit-test-secret-0123456789abcdef0123456789";
const at = new Date("2026-06-15T12:34:56Z");

/** A cookie as issued before the time was recorded ("<code>.<mac>", context v1). */
function legacy(code: string, key = secret): string {
  return `${code}.${createHmac("sha256", key).update(`lineage_ref:v1:${code}`).digest("base64url")}`;
}

describe("the attribution cookie", () => {
  it("round-trips a code and the second it was set", () => {
    const value = signAttribution("dana-rivers", at, secret);
    expect(value).toMatch(/^dana-rivers\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyAttribution(value, secret)).toEqual({ code: "dana-rivers", issuedAt: new Date("2026-06-15T12:34:56Z") });
  });

  it("rejects a value whose code or time was swapped for another", () => {
    const [, time, mac] = signAttribution("dana-rivers", at, secret).split(".");
    expect(verifyAttribution(`someone-else.${time}.${mac}`, secret)).toBeNull();
    const later = (parseInt(time!, 36) + 86_400 * 60).toString(36);
    expect(verifyAttribution(`dana-rivers.${later}.${mac}`, secret)).toBeNull();
  });

  it("rejects a tampered or truncated signature", () => {
    const value = signAttribution("dana-rivers", at, secret);
    const flipped = value.slice(0, -1) + (value.endsWith("A") ? "B" : "A");
    expect(verifyAttribution(flipped, secret)).toBeNull();
    expect(verifyAttribution(value.slice(0, -5), secret)).toBeNull();
    expect(verifyAttribution(`${value}x`, secret)).toBeNull();
  });

  it("rejects a value signed with another secret", () => {
    expect(verifyAttribution(signAttribution("dana-rivers", at, "another-secret-0123456789abcdef0123456789"), secret)).toBeNull();
    expect(verifyAttribution(legacy("dana-rivers", "another-secret-0123456789abcdef0123456789"), secret)).toBeNull();
  });

  it.each([null, undefined, "", "dana-rivers", ".abc", "dana-rivers.", "dana-rivers..x", "Dana-Rivers.x", "bad code.x", "a.b.c.d", "x".repeat(500)])(
    "rejects %j",
    (value) => {
      expect(verifyAttribution(value, secret)).toBeNull();
    },
  );

  it("accepts only the canonical (lowercase) spelling it issued", () => {
    const [, time, mac] = signAttribution("dana-rivers", at, secret).split(".");
    expect(verifyAttribution(`DANA-RIVERS.${time}.${mac}`, secret)).toBeNull();
  });

  it("still reads a cookie from before the time was recorded, as set at the earliest a live one can have been", () => {
    const value = legacy("dana-rivers");
    expect(verifyAttribution(value, secret)).toEqual({ code: "dana-rivers", issuedAt: null });
    const now = new Date("2026-07-01T00:00:00Z");
    expect(attributionIssuedAt({ code: "dana-rivers", issuedAt: null }, now)).toEqual(new Date("2026-06-01T00:00:00Z"));
    expect(attributionIssuedAt({ code: "dana-rivers", issuedAt: at }, now)).toEqual(at);
    // A legacy value's signature does not pass for the new format, nor the other way round.
    const [, mac] = value.split(".");
    expect(verifyAttribution(`dana-rivers.0.${mac}`, secret)).toBeNull();
  });

  it("is httpOnly, lax, 30 days, and secure only over https", () => {
    expect(attributionCookieOptions(true)).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: 2_592_000 });
    expect(attributionCookieOptions(false).secure).toBe(false);
  });
});
