import { createHash, randomBytes } from "node:crypto";

// A guest's receipt link (/receipt/<token>): the guest has no account, so the
// link's unguessable token is their key to the order. Only its SHA-256 is
// stored: a database leak does not open anyone's receipt.

/** 32 random bytes, base64url: 43 characters. */
export const receiptTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newReceiptToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashReceiptToken(token) };
}

export function hashReceiptToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const receiptPath = (token: string) => `/receipt/${token}`;
