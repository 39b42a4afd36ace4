import { createHmac, timingSafeEqual } from "node:crypto";
import { normalizeReferralCode } from "@/lib/referral-code";

/**
 * The first-party cookie that remembers which referral link a prospect opened,
 * so a later visit to /join without a code still joins that sponsor's team.
 * It holds the code (not a distributor id: proxy.ts sets it without touching
 * the database) and the moment it was set, with an HMAC, so only values this
 * site issued are read back. The code is still resolved like a URL code when
 * read (it may have been retired or its owner terminated since), and a cookie
 * set before the code's current owner claimed it is ignored: a retired code
 * that another distributor took after its grace period does not inherit the
 * old owner's prospects (lib/referrals/codes.ts, resolveAttribution).
 */
export const attributionCookieName = "lineage_ref";
export const attributionMaxAgeSeconds = 30 * 24 * 60 * 60;

// Domain separation: this HMAC key use can never be confused with Auth.js's use of the same secret.
const context = "lineage_ref:v2:";
// Cookies issued before the time was added: "<code>.<mac>", read until they expire.
const legacyContext = "lineage_ref:v1:";

function mac(payload: string, secret: string, prefix: string): string {
  return createHmac("sha256", secret)
    .update(prefix + payload)
    .digest("base64url");
}

function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a cookie this site signed says. */
export interface Attribution {
  code: string;
  /** When it was set; null for a cookie from before the time was recorded (at most 30 days old, like any). */
  issuedAt: Date | null;
}

/** "<code>.<seconds since 1970, base 36>.<mac>": codes never contain dots, so the split is unambiguous. */
export function signAttribution(code: string, issuedAt: Date, secret: string): string {
  const payload = `${code}.${Math.floor(issuedAt.getTime() / 1000).toString(36)}`;
  return `${payload}.${mac(payload, secret, context)}`;
}

/** The code and time in a cookie value this site signed, or null for anything else. */
export function verifyAttribution(value: string | null | undefined, secret: string): Attribution | null {
  if (!value || value.length > 128) return null;
  const parts = value.split(".");
  const raw = parts[0] ?? "";
  const code = normalizeReferralCode(raw);
  if (code === null || code !== raw) return null;
  if (parts.length === 2) return sameMac(parts[1]!, mac(code, secret, legacyContext)) ? { code, issuedAt: null } : null;
  if (parts.length !== 3 || !/^[0-9a-z]{1,10}$/.test(parts[1]!)) return null;
  if (!sameMac(parts[2]!, mac(`${code}.${parts[1]}`, secret, context))) return null;
  return { code, issuedAt: new Date(parseInt(parts[1]!, 36) * 1000) };
}

/**
 * When a cookie read at `now` was set: its own time, or for a legacy cookie the
 * earliest it can have been (30 days ago), the reading that trusts it least.
 */
export function attributionIssuedAt(attribution: Attribution, now: Date): Date {
  return attribution.issuedAt ?? new Date(now.getTime() - attributionMaxAgeSeconds * 1000);
}

/** The cookie's attributes. `secure` follows the request's scheme, so plain-http development still works. */
export function attributionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: attributionMaxAgeSeconds };
}
