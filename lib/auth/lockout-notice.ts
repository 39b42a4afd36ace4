import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import { formatDateTime } from "@/lib/format";
import { notify } from "@/lib/notifications/notify";
import type { AccountLock } from "./throttle";

/**
 * Tells the owner of a locked account (if the email typed is an account's) that
 * sign-in is paused and until when, once per lock: the lock's start is in the
 * event key. A queued row, nothing sent from the request: the sign-in answer
 * neither waits for mail nor differs for an email nobody has.
 */
export async function noticeSignInLockout(db: Executor, lock: AccountLock): Promise<boolean> {
  const [user] = await queryRows<{ id: number; time_zone: string }>(db, sql`select id, time_zone from users where lower(email) = ${lock.email} limit 1`);
  if (!user) return false;
  return notify(db, {
    userId: user.id,
    kind: "sign_in_lockout",
    eventKey: `sign-in-lockout:${lock.lockedAt.toISOString()}`,
    title: "Sign-in to your account is paused for a while",
    body: [
      `After several wrong passwords for your email address, sign-in to your account is paused until ${formatDateTime(lock.lockedUntil, user.time_zone)}.`,
      "If that was you, wait until then, or reset your password now: a reset also lifts the pause.",
      "If it was not you, someone may be guessing your password. Your account is safe while it is paused; to be sure, choose a new, unique password.",
    ],
    href: "/forgot-password",
    action: "Reset your password",
    at: lock.lockedAt,
  });
}
