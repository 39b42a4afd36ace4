import { createHmac, timingSafeEqual } from "node:crypto";

// The signed unsubscribe token alone (lib/mail/unsubscribe.ts gives it the
// portal's secret): "<userId>.<kind>.<signature>". Kept free of the app's
// configuration so the browser tests can make a link as an email carries it.

function sign(secret: string, userId: number, kind: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${userId}:${kind}`).digest("base64url").slice(0, 32);
}

export function signUnsubscribeToken(secret: string, userId: number, kind: string): string {
  return `${userId}.${kind}.${sign(secret, userId, kind)}`;
}

/** The user and kind a token names, or null when it is malformed or not signed with `secret`. */
export function verifyUnsubscribeToken(secret: string, token: string): { userId: number; kind: string } | null {
  const match = /^([1-9][0-9]{0,8})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const kind = match[2]!;
  const expected = Buffer.from(sign(secret, userId, kind));
  const given = Buffer.from(match[3]!);
  return timingSafeEqual(expected, given) ? { userId, kind } : null;
}
