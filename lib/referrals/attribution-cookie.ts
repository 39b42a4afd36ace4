import { createHmac, timingSafeEqual } from "node:crypto";
import { normalizeReferralCode } from "@/lib/referral-code";

/**
 * The first-party cookie that remembers which referral link a prospect opened,
 * so a later visit to /join without a code still joins that sponsor's team.
 * It holds the code (not a distributor id: proxy.ts sets it without touching
 * the database) with an HMAC, so only codes this site issued are read back; the
 * code is still resolved like a URL code when read (it may have been retired
 * or its owner terminated since).
 */
export const attributionCookieName = "lineage_ref";
export const attributionMaxAgeSeconds = 30 * 24 * 60 * 60;

// Domain separation: this HMAC key use can never be confused with Auth.js's use of the same secret.
const context = "lineage_ref:v1:";

function mac(code: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(context + code)
    .digest("base64url");
}

/** "<code>.<mac>": codes never contain dots, so the split is unambiguous. */
export function signAttribution(code: string, secret: string): string {
  return `${code}.${mac(code, secret)}`;
}

/** The code in a cookie value this site signed, or null for anything else. */
export function verifyAttribution(value: string | null | undefined, secret: string): string | null {
  if (!value || value.length > 128) return null;
  const dot = value.indexOf(".");
  if (dot <= 0) return null;
  const code = normalizeReferralCode(value.slice(0, dot));
  if (code === null || code !== value.slice(0, dot)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(code, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? code : null;
}

/** The cookie's attributes. `secure` follows the request's scheme, so plain-http development still works. */
export function attributionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: attributionMaxAgeSeconds };
}
