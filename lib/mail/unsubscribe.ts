import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";
import { siteLink } from "./brand";

// One-click unsubscribe links (RFC 8058): the token names the user and the kind
// of mail and is signed with the portal's secret, so following it needs no
// sign-in and cannot be forged for someone else.

function sign(userId: number, kind: string): string {
  return createHmac("sha256", authSecret()).update(`unsubscribe:${userId}:${kind}`).digest("base64url").slice(0, 32);
}

export function unsubscribeToken(userId: number, kind: string): string {
  return `${userId}.${kind}.${sign(userId, kind)}`;
}

/** The user and kind a token names, or null when it is malformed or not ours. */
export function readUnsubscribeToken(token: string): { userId: number; kind: string } | null {
  const match = /^([1-9][0-9]{0,8})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const kind = match[2]!;
  const expected = Buffer.from(sign(userId, kind));
  const given = Buffer.from(match[3]!);
  return timingSafeEqual(expected, given) ? { userId, kind } : null;
}

export function unsubscribeUrl(userId: number, kind: string): string {
  return siteLink(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`);
}
