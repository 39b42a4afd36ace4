import { createHash, createHmac } from "node:crypto";
import { authSecret } from "@/lib/env";

// A guest's receipt link (/receipt/<token>): the guest has no account, so the
// link's unguessable token is their key to the order. Only its SHA-256 is
// stored: a database leak does not open anyone's receipt.
//
// The token is an HMAC, under the portal's secret, of the order's idempotency
// key (a random UUID minted with the checkout page), so the receipt email,
// queued when the payment is confirmed long after the page, can put the link
// in again without the raw token ever being stored: it is recomputed from the
// key and the secret. Reading the database alone still opens nothing (the
// secret is not in it). Orders made before this scheme carry the hash of a
// purely random token: their links keep working (the lookup is by hash), but
// their token cannot be recomputed, so their receipt email has no link
// (receiptTokenOf answers null for them).

/** 32 bytes, base64url: 43 characters. */
export const receiptTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The receipt token of the guest order made with this idempotency key. */
export function receiptTokenFor(idempotencyKey: string): { token: string; hash: string } {
  const token = createHmac("sha256", authSecret()).update(`receipt:${idempotencyKey}`).digest("base64url");
  return { token, hash: hashReceiptToken(token) };
}

/** A stored order's receipt token, recomputed; null when its stored hash is not of a derived token (an older order). */
export function receiptTokenOf(order: { idempotencyKey: string | null; receiptTokenHash: string | null }): string | null {
  if (order.idempotencyKey === null || order.receiptTokenHash === null) return null;
  const { token, hash } = receiptTokenFor(order.idempotencyKey);
  return hash === order.receiptTokenHash ? token : null;
}

export function hashReceiptToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const receiptPath = (token: string) => `/receipt/${token}`;
