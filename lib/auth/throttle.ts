import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Executor } from "@/lib/ledger/db";
import { signInThrottles } from "@/db/schema";

// Sign-in throttling: a few free failures per account and per client address,
// then a lock that doubles with each further failure, up to an hour. Keyed by
// the email as typed (lowercased), whether or not an account has it, so the
// answer tells a stranger nothing about which accounts exist. Failures older
// than a day are forgotten; a successful sign-in clears its account's count.

interface Rule {
  /** Failures allowed before the first lock. */
  free: number;
  firstLockMs: number;
  maxLockMs: number;
}

/** One account: a person mistyping has five tries; a script guessing gets minutes, then an hour, per five or so guesses. */
const accountRule: Rule = { free: 5, firstLockMs: 60_000, maxLockMs: 3_600_000 };
/** One client address: many people may share one (an office, a phone network), so more room before a lock. */
const addressRule: Rule = { free: 20, firstLockMs: 60_000, maxLockMs: 3_600_000 };
const FORGET_AFTER_MS = 86_400_000;
const accountPrefix = "account:";

export interface ThrottleKey {
  key: string;
  rule: Rule;
}

/** The keys a sign-in attempt counts against: its account (the email as typed) and its client address. */
export function signInKeys(email: string, clientAddress: string): ThrottleKey[] {
  return [
    { key: `${accountPrefix}${email.trim().toLowerCase()}`, rule: accountRule },
    { key: `ip:${clientAddress}`, rule: addressRule },
  ];
}

/** Until when an attempt on these keys is refused; null when it may go ahead. */
export async function signInLockedUntil(db: Database, keys: ThrottleKey[], now: Date): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(
      and(
        inArray(
          signInThrottles.key,
          keys.map((k) => k.key),
        ),
        gt(signInThrottles.lockedUntil, now),
      ),
    );
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > 0 ? new Date(until) : null;
}

/** How long a key is locked after its `failures`-th failure in a row (0: not locked). */
export function lockMs(rule: Rule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.maxLockMs, rule.firstLockMs * 2 ** Math.min(failures - rule.free - 1, 30));
}

/** A lock this failure started on an account (the email as typed, lowercased). */
export interface AccountLock {
  email: string;
  lockedAt: Date;
  lockedUntil: Date;
}

/**
 * Counts a failed attempt against each key, locking those past their free
 * failures. Returns the account lock this failure started, if it started one
 * (the owner is told: lib/auth/lockout-notice.ts); locks of a client address concern no one account.
 */
export async function recordSignInFailure(db: Database, keys: ThrottleKey[], now: Date): Promise<AccountLock | null> {
  let accountLock: AccountLock | null = null;
  const forgotten = new Date(now.getTime() - FORGET_AFTER_MS);
  // Keys idle for a day are forgotten: the table holds only recent failures.
  await db.delete(signInThrottles).where(and(lt(signInThrottles.lastFailureAt, forgotten), lt(signInThrottles.lockedUntil, now)));
  for (const { key, rule } of keys) {
    const [row] = await db
      .insert(signInThrottles)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: signInThrottles.key,
        set: {
          failures: sql`case when ${signInThrottles.lastFailureAt} < ${forgotten} then 1 else ${signInThrottles.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: signInThrottles.failures });
    const lock = lockMs(rule, row?.failures ?? 1);
    if (lock > 0) {
      const lockedUntil = new Date(now.getTime() + lock);
      await db.update(signInThrottles).set({ lockedUntil }).where(eq(signInThrottles.key, key));
      if (key.startsWith(accountPrefix)) accountLock = { email: key.slice(accountPrefix.length), lockedAt: now, lockedUntil };
    }
  }
  return accountLock;
}

/** A successful sign-in: its account starts afresh (its address keeps its count, shared with others). */
export async function clearSignInFailures(db: Executor, keys: ThrottleKey[]): Promise<void> {
  const account = keys.find((k) => k.key.startsWith(accountPrefix));
  if (account) await db.delete(signInThrottles).where(eq(signInThrottles.key, account.key));
}

/** "Try again in 3 minutes": the wait, rounded up to a whole minute. */
export function waitText(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** The account's failures and lock, forgotten (its password was just reset by its owner). */
export async function clearAccountSignInFailures(db: Executor, email: string): Promise<void> {
  await clearSignInFailures(db, signInKeys(email, ""));
}
