import { createHmac, timingSafeEqual } from "node:crypto";

// The reminder email's skip link carries a token naming one subscription and
// one cycle, signed with the portal's secret: following it needs no sign-in,
// and it can skip that run and nothing else. "<subscriptionId>.<cycle>.<signature>"

function sign(secret: string, subscriptionId: number, cycle: string): string {
  return createHmac("sha256", secret).update(`autoship-skip:${subscriptionId}:${cycle}`).digest("base64url").slice(0, 32);
}

export function signSkipToken(secret: string, subscriptionId: number, cycle: string): string {
  return `${subscriptionId}.${cycle}.${sign(secret, subscriptionId, cycle)}`;
}

/** The subscription and cycle a token names, or null when it is malformed or not signed with `secret`. */
export function verifySkipToken(secret: string, token: string): { subscriptionId: number; cycle: string } | null {
  const match = /^([1-9][0-9]{0,8})\.(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const subscriptionId = Number(match[1]);
  const cycle = match[2]!;
  const expected = Buffer.from(sign(secret, subscriptionId, cycle));
  return timingSafeEqual(expected, Buffer.from(match[3]!)) ? { subscriptionId, cycle } : null;
}
