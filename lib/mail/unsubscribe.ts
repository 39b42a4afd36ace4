import { authSecret } from "@/lib/env";
import { siteLink } from "./brand";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

// One-click unsubscribe links (RFC 8058): the token names the user and the kind
// of mail and is signed with the portal's secret, so following it needs no
// sign-in and cannot be forged for someone else.

export function unsubscribeToken(userId: number, kind: string): string {
  return signUnsubscribeToken(authSecret(), userId, kind);
}

/** The user and kind a token names, or null when it is malformed or not ours. */
export function readUnsubscribeToken(token: string): { userId: number; kind: string } | null {
  return verifyUnsubscribeToken(authSecret(), token);
}

/** The email's footer link: a page that asks before it unsubscribes (app/unsubscribe/page.tsx). */
export function unsubscribeUrl(userId: number, kind: string): string {
  return siteLink(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`);
}

/**
 * The List-Unsubscribe header's link: a mail client POSTs to it (RFC 8058) and
 * the user is unsubscribed at once; opened in a browser, it leads to the page
 * above (app/unsubscribe/one-click/route.ts).
 */
export function oneClickUnsubscribeUrl(userId: number, kind: string): string {
  return siteLink(`/unsubscribe/one-click?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`);
}
