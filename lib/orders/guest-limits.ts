import type { Database } from "@/db/client";
import { consumeRateLimit, type RateLimit } from "@/lib/referrals/rate-limit";

// Abuse limits on the public (guest) checkout, kept in the database so every
// app instance shares them. Generous for a shopper, a wall for a script: the
// review found 20 guest orders in seconds from one client minting volume.
export const guestCheckoutLimits = {
  /** Orders started from one client address. */
  address: { limit: 10, windowMs: 10 * 60_000 },
  /** Orders through one referral shop, whoever places them. */
  shop: { limit: 30, windowMs: 60 * 60_000 },
  /** Orders for one email address. */
  email: { limit: 5, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimit>;

/** Counts one guest checkout against each limit; the message to show when one is exceeded, else null. */
export async function consumeGuestCheckout(db: Database, who: { address: string; shopId: number; email: string }, now: Date): Promise<string | null> {
  const [address, shop, email] = await Promise.all([
    consumeRateLimit(db, `guest-order:ip:${who.address}`, guestCheckoutLimits.address, now),
    consumeRateLimit(db, `guest-order:shop:${who.shopId}`, guestCheckoutLimits.shop, now),
    consumeRateLimit(db, `guest-order:email:${who.email}`, guestCheckoutLimits.email, now),
  ]);
  if (!address.allowed) return "Too many orders from your connection in a short time. Please try again in a few minutes.";
  if (!email.allowed) return "Too many orders for this email address in the last hour. Please try again later.";
  if (!shop.allowed) return "This shop is taking too many orders right now. Please try again later.";
  return null;
}
