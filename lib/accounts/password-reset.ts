import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { users } from "@/db/schema";
import { hashPassword as defaultHashPassword } from "@/lib/auth/password";
import { revokeSessions } from "@/lib/auth/sessions";
import { clearAccountSignInFailures } from "@/lib/auth/throttle";
import type { Executor } from "@/lib/ledger/db";
import { siteLink } from "@/lib/mail/brand";
import { queueEmail } from "@/lib/mail/queue";
import { consumeRateLimit, type RateLimit } from "@/lib/referrals/rate-limit";
import { ACCOUNT_TOKEN_PATTERN, consumeAccountToken, hashAccountToken, issueAccountToken } from "./tokens";

export const RESET_TOKEN_TTL_MS = 3_600_000;
/** Reset emails per address: a person who lost a message can ask again; a script cannot flood an inbox. */
export const resetPerAddress: RateLimit = { limit: 3, windowMs: 3_600_000 };
/** Reset requests per client address: room for an office, too few to probe or flood many inboxes. */
export const resetPerClient: RateLimit = { limit: 20, windowMs: 3_600_000 };

/** The account with this email, whatever its case. */
export async function findUserByEmail(db: Executor, email: string): Promise<{ id: number; name: string; email: string } | null> {
  const [row] = await queryRows<{ id: number; name: string; email: string }>(
    db,
    sql`select id, name, email from users where lower(email) = ${email.trim().toLowerCase()} limit 1`,
  );
  return row ?? null;
}

/**
 * "Forgot your password?": for an account with this email, a reset link (one
 * use, one hour) is queued with its token, in one transaction. The caller gives
 * every requester the same answer; only a client over its own limit learns
 * anything ("wait"), and that says nothing about the address. The per-address
 * limit is silent: past it, nothing more is sent, and nothing tells.
 */
export async function requestPasswordReset(
  db: Database,
  input: { email: string; clientAddress: string; at: Date },
): Promise<{ outcome: "answered" | "client-limited"; queued: boolean }> {
  const client = await consumeRateLimit(db, `reset-client:${input.clientAddress}`, resetPerClient, input.at);
  if (!client.allowed) return { outcome: "client-limited", queued: false };
  const address = await consumeRateLimit(db, `reset-email:${input.email}`, resetPerAddress, input.at);
  if (!address.allowed) return { outcome: "answered", queued: false };
  const queued = await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    if (!user) return false;
    const token = await issueAccountToken(tx, { userId: user.id, purpose: "reset_password", ttlMs: RESET_TOKEN_TTL_MS, at: input.at });
    return queueEmail(tx, {
      eventKey: `reset-password:${hashAccountToken(token)}`,
      to: user.email,
      userId: user.id,
      template: "reset_password",
      data: { name: user.name, url: siteLink(`/reset-password?token=${token}`) },
      at: input.at,
    });
  });
  return { outcome: "answered", queued };
}

/**
 * Sets a new password from a reset link, all or nothing: the token is used up,
 * the hash replaced, every session of the user ended, the account's sign-in
 * lock lifted, and a notice queued to the account's address.
 */
export async function resetPasswordWithToken(
  db: Database,
  input: { token: string; password: string; at: Date },
  deps: { hashPassword: (password: string) => Promise<string> } = { hashPassword: defaultHashPassword },
): Promise<{ ok: true; userId: number } | { ok: false }> {
  // Hashed before the transaction, which then holds its locks only for a few statements.
  const passwordHash = await deps.hashPassword(input.password);
  return db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, { purpose: "reset_password", token: input.token, at: input.at });
    if (!used) return { ok: false } as const;
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId)).returning({ email: users.email });
    if (!user) return { ok: false } as const;
    await revokeSessions(tx, used.userId);
    await clearAccountSignInFailures(tx, user.email);
    await queuePasswordChangedNotice(tx, { userId: used.userId, email: user.email, at: input.at, how: "reset" });
    return { ok: true, userId: used.userId } as const;
  });
}

/** "Your password was changed": to the account's address, whoever changed it, so its owner hears of a change they did not make. */
export async function queuePasswordChangedNotice(db: Executor, input: { userId: number; email: string; at: Date; how: "reset" | "settings" }): Promise<void> {
  await queueEmail(db, {
    eventKey: `password-changed:${input.userId}:${input.at.toISOString()}`,
    to: input.email,
    userId: input.userId,
    template: "notification",
    data: {
      title: "Your password was changed",
      body: [
        input.how === "reset"
          ? "The password of your account was just changed with a reset link sent to this address. Every device that was signed in has been signed out."
          : "The password of your account was just changed from its account settings. Every other device that was signed in has been signed out.",
        "If you made this change, there is nothing more to do. If you did not, reset your password now and check the email address on your account.",
      ],
      href: "/forgot-password",
      action: "Reset your password",
    },
    at: input.at,
  });
}

/**
 * What a live link is about, without using it: the account's email and, for an
 * email change, the new address; null when the link is unknown, used or expired.
 */
export async function liveAccountLink(
  db: Executor,
  input: { purpose: "reset_password" | "change_email"; token: string; at: Date },
): Promise<{ email: string; newEmail: string | null } | null> {
  if (!ACCOUNT_TOKEN_PATTERN.test(input.token)) return null;
  const [row] = await queryRows<{ email: string; new_email: string | null }>(
    db,
    sql`select u.email, t.new_email from account_tokens t join users u on u.id = t.user_id
        where t.token_hash = ${hashAccountToken(input.token)} and t.purpose = ${input.purpose} and t.used_at is null and t.expires_at > ${input.at.toISOString()}::timestamptz`,
  );
  return row ? { email: row.email, newEmail: row.new_email } : null;
}
