import { createHmac, timingSafeEqual } from "node:crypto";

// A retail customer has no account: their autoship is managed through a link
// (/autoship/manage/<token>) that we email them when it starts and with every
// notice about it. The token names the subscription and its manage version,
// signed with the portal's secret: it can be put into any later email without
// being stored, and raising the subscription's manage_version (the customer's
// "Send me a new link") makes every earlier link stop working.
// "<subscriptionId>.<version>.<signature>"

function sign(secret: string, subscriptionId: number, version: number): string {
  return createHmac("sha256", secret).update(`autoship-manage:${subscriptionId}:${version}`).digest("base64url");
}

export function signManageToken(secret: string, subscriptionId: number, version: number): string {
  return `${subscriptionId}.${version}.${sign(secret, subscriptionId, version)}`;
}

/** The subscription and version a token names, or null when it is malformed or not signed with `secret`. */
export function verifyManageToken(secret: string, token: string): { subscriptionId: number; version: number } | null {
  const match = /^([1-9][0-9]{0,8})\.([1-9][0-9]{0,8})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const subscriptionId = Number(match[1]);
  const version = Number(match[2]);
  const expected = Buffer.from(sign(secret, subscriptionId, version));
  return timingSafeEqual(expected, Buffer.from(match[3]!)) ? { subscriptionId, version } : null;
}

export const managePath = (token: string) => `/autoship/manage/${token}`;
