import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { AccountTokenPurpose } from "@/db/schema/accounts";
import type { Executor } from "@/lib/ledger/db";

// Single-use links sent by email. The token (32 random bytes, base64url: 43
// characters) travels only in the email; the table keeps its SHA-256, so a
// copy of the database opens no account.

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a token for the user and purpose, valid for `ttlMs`; earlier unused tokens of that purpose stop working. */
export async function issueAccountToken(
  db: Executor,
  input: { userId: number; purpose: AccountTokenPurpose; ttlMs: number; at: Date; newEmail?: string },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const at = input.at.toISOString();
  await db.execute(
    sql`update account_tokens set used_at = ${at}::timestamptz where user_id = ${input.userId} and purpose = ${input.purpose} and used_at is null`,
  );
  await db.execute(
    sql`insert into account_tokens (user_id, purpose, token_hash, new_email, created_at, expires_at)
        values (${input.userId}, ${input.purpose}, ${hashAccountToken(token)}, ${input.newEmail ?? null}, ${at}::timestamptz, ${new Date(input.at.getTime() + input.ttlMs).toISOString()}::timestamptz)`,
  );
  return token;
}

/** A token's shape: anything else is refused before the database is asked. */
export const ACCOUNT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Uses a token up, once: returns its user (and new email, for an email change),
 * or null when it is unknown, of another purpose, used, or expired.
 */
export async function consumeAccountToken(
  db: Executor,
  input: { purpose: AccountTokenPurpose; token: string; at: Date },
): Promise<{ userId: number; newEmail: string | null } | null> {
  if (!ACCOUNT_TOKEN_PATTERN.test(input.token)) return null;
  const at = input.at.toISOString();
  const [row] = await queryRows<{ user_id: number; new_email: string | null }>(
    db,
    sql`update account_tokens set used_at = ${at}::timestamptz
        where token_hash = ${hashAccountToken(input.token)} and purpose = ${input.purpose} and used_at is null and expires_at > ${at}::timestamptz
        returning user_id, new_email`,
  );
  return row ? { userId: row.user_id, newEmail: row.new_email } : null;
}

/** Whether a token would be accepted now, without using it (a page shows its form only for a live link). */
export async function accountTokenIsLive(db: Executor, input: { purpose: AccountTokenPurpose; token: string; at: Date }): Promise<boolean> {
  if (!ACCOUNT_TOKEN_PATTERN.test(input.token)) return false;
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from account_tokens where token_hash = ${hashAccountToken(input.token)} and purpose = ${input.purpose} and used_at is null and expires_at > ${input.at.toISOString()}::timestamptz`,
  );
  return rows.length > 0;
}
