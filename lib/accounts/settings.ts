import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { users } from "@/db/schema";
import { hashPassword as defaultHashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeSessions } from "@/lib/auth/sessions";
import { siteLink } from "@/lib/mail/brand";
import { queueEmail } from "@/lib/mail/queue";
import { isUniqueViolation } from "@/lib/referrals/errors";
import { consumeRateLimit, type RateLimit } from "@/lib/referrals/rate-limit";
import { findUserByEmail, queuePasswordChangedNotice } from "./password-reset";
import { consumeAccountToken, hashAccountToken, issueAccountToken } from "./tokens";

// Account settings: the signed-in user changes their own password or email.
// The caller has authenticated the user (userId is the viewer's); each change
// asks for the current password again, so an unattended session cannot take the account over.

export const CHANGE_EMAIL_TTL_MS = 86_400_000;
/** Email-change links per account: a typo can be corrected; a session cannot mail-bomb strangers. */
export const changeEmailPerUser: RateLimit = { limit: 5, windowMs: 3_600_000 };
/** Wrong current passwords per account in the settings forms, before they are refused for a while. */
export const currentPasswordTries: RateLimit = { limit: 10, windowMs: 3_600_000 };

type Deps = { hashPassword: (password: string) => Promise<string> };

async function checkCurrentPassword(db: Database, userId: number, current: string, at: Date): Promise<"ok" | "wrong" | "limited"> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) return "wrong";
  if (await verifyPassword(user.passwordHash, current)) return "ok";
  const tries = await consumeRateLimit(db, `settings-password:${userId}`, currentPasswordTries, at);
  return tries.allowed ? "wrong" : "limited";
}

export type ChangePasswordOutcome = { ok: true; email: string } | { ok: false; reason: "wrong-password" | "limited" | "same-password" };

/**
 * Replaces the password and raises the session version: every session of the
 * user ends, this one too, and the caller signs this one in again (with the
 * new password) so the person stays signed in where they made the change.
 */
export async function changePassword(
  db: Database,
  input: { userId: number; current: string; password: string; at: Date },
  deps: Deps = { hashPassword: defaultHashPassword },
): Promise<ChangePasswordOutcome> {
  const check = await checkCurrentPassword(db, input.userId, input.current, input.at);
  if (check !== "ok") return { ok: false, reason: check === "limited" ? "limited" : "wrong-password" };
  if (input.current === input.password) return { ok: false, reason: "same-password" };
  const passwordHash = await deps.hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId)).returning({ email: users.email });
    if (!user) return { ok: false, reason: "wrong-password" } as const;
    await revokeSessions(tx, input.userId);
    await queuePasswordChangedNotice(tx, { userId: input.userId, email: user.email, at: input.at, how: "settings" });
    return { ok: true, email: user.email } as const;
  });
}

export type RequestEmailChangeOutcome = { ok: true } | { ok: false; reason: "wrong-password" | "limited" | "same-email" };

/**
 * Asks for a new sign-in email: a link (one use, 24 hours) goes to the new
 * address, and a notice to the current one. Nothing changes until the new
 * address confirms. When the new address is another account's, the answer is
 * the same and nothing is sent to anyone: the requester learns nothing about
 * who has an account, and that account's owner is not bothered.
 */
export async function requestEmailChange(
  db: Database,
  input: { userId: number; current: string; newEmail: string; at: Date },
): Promise<RequestEmailChangeOutcome> {
  const check = await checkCurrentPassword(db, input.userId, input.current, input.at);
  if (check !== "ok") return { ok: false, reason: check === "limited" ? "limited" : "wrong-password" };
  const [me] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, input.userId));
  if (!me) return { ok: false, reason: "wrong-password" };
  if (me.email.toLowerCase() === input.newEmail) return { ok: false, reason: "same-email" };
  const limit = await consumeRateLimit(db, `change-email:${input.userId}`, changeEmailPerUser, input.at);
  if (!limit.allowed) return { ok: false, reason: "limited" };
  await db.transaction(async (tx) => {
    const owner = await findUserByEmail(tx, input.newEmail);
    if (owner) return;
    const token = await issueAccountToken(tx, {
      userId: input.userId,
      purpose: "change_email",
      ttlMs: CHANGE_EMAIL_TTL_MS,
      at: input.at,
      newEmail: input.newEmail,
    });
    const key = hashAccountToken(token);
    await queueEmail(tx, {
      eventKey: `change-email:${key}`,
      to: input.newEmail,
      userId: input.userId,
      template: "change_email",
      data: { name: me.name, newEmail: input.newEmail, url: siteLink(`/confirm-email?token=${token}`) },
      at: input.at,
    });
    await queueEmail(tx, {
      eventKey: `change-email-notice:${key}`,
      to: me.email,
      userId: input.userId,
      template: "notification",
      data: {
        title: "A change of your sign-in email was requested",
        body: [
          `Someone signed in to your account asked to use ${input.newEmail} as its email from now on. A link to confirm it went to that address; until it is confirmed, nothing changes.`,
          "If that was you, there is nothing more to do here. If not, change your password now: the request needed it.",
        ],
        href: "/forgot-password",
        action: "Reset your password",
      },
      at: input.at,
    });
  });
  return { ok: true };
}

export type ConfirmEmailChangeOutcome = { ok: true; email: string } | { ok: false; reason: "invalid" | "taken" };

/**
 * Confirms an email change from the link sent to the new address: the account's
 * email becomes it, if no other account has taken it meanwhile (emails are
 * unique whatever their case). Sessions stay: the change was asked for with
 * the password and proven from the new inbox, and sessions do not depend on the
 * email. The old address is told.
 */
export async function confirmEmailChange(db: Database, input: { token: string; at: Date }): Promise<ConfirmEmailChangeOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const used = await consumeAccountToken(tx, { purpose: "change_email", token: input.token, at: input.at });
      if (!used?.newEmail) return { ok: false, reason: "invalid" } as const;
      const newEmail = used.newEmail;
      const owner = await findUserByEmail(tx, newEmail);
      if (owner && owner.id !== used.userId) throw new EmailTaken();
      const [before] = await queryRows<{ email: string }>(tx, sql`select email from users where id = ${used.userId} for update`);
      if (!before) return { ok: false, reason: "invalid" } as const;
      // A verified account stays verified: the link just proved the new address.
      await tx.execute(
        sql`update users set email = ${newEmail}, email_verified_at = case when email_verified_at is null then null else ${input.at.toISOString()}::timestamptz end
            where id = ${used.userId}`,
      );
      await queueEmail(tx, {
        eventKey: `email-changed:${hashAccountToken(input.token)}`,
        to: before.email,
        userId: used.userId,
        template: "notification",
        data: {
          title: "Your sign-in email was changed",
          body: [
            `Your account now signs in with ${newEmail}, confirmed from that address. Messages from the portal go there from now on; this is the last one to this address.`,
            "If you did not make this change, reply to the company's support or ask an administrator to restore your account.",
          ],
        },
        at: input.at,
      });
      return { ok: true, email: newEmail } as const;
    });
  } catch (error) {
    if (error instanceof EmailTaken || isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}

class EmailTaken extends Error {}

/** Sets the user's own time zone (already validated); false when it was already theirs. */
export async function setTimeZone(db: Database, userId: number, timeZone: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ timeZone })
    .where(sql`${users.id} = ${userId} and ${users.timeZone} <> ${timeZone}`)
    .returning({ id: users.id });
  return rows.length > 0;
}
