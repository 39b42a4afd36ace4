import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { distributors, pendingEnrolments, users } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import { env } from "@/lib/env";
import { siteLink } from "@/lib/mail/brand";
import { queueEmail } from "@/lib/mail/queue";
import { notify } from "@/lib/notifications/notify";
import { placeDistributor, type NewDistributorAccount, type SignupSource } from "@/lib/referrals/accounts";
import { consumeRateLimit, type RateLimit } from "@/lib/referrals/rate-limit";
import { utcDay } from "@/lib/referrals/stats";
import { findRootDistributor } from "@/lib/referrals/team";
import { consumeAccountToken, hashAccountToken, issueAccountToken } from "./tokens";

// Email verification. A signup creates the user and a pending enrolment, not
// a distributor: until the owner follows the emailed link (or an admin
// verifies by hand) the account has no place in the tree, so it counts in no
// one's team and cannot buy. Verifying places it under the sponsor chosen at
// signup; an unverified signup is deleted after env.unverifiedDays.

export const VERIFY_LINK_HOURS = 48;
/** Generations told about a new member when the plan cannot say (it pays no level). */
const DEFAULT_NOTIFIED_GENERATIONS = 7;
/** "Resend the link": once a minute, five times a day. */
export const resendRateLimits: { minute: RateLimit; day: RateLimit } = {
  minute: { limit: 1, windowMs: 60_000 },
  day: { limit: 5, windowMs: 86_400_000 },
};

/** A signup as createDistributorAccount takes one, minus the tree placement that waits for verification. */
/** `timeZone`: an IANA zone already validated; the column's default (UTC) without it. */
export type PendingSignup = Omit<NewDistributorAccount, "acceptedAt" | "randomInt"> & { at: Date; timeZone?: string };

/**
 * Creates the unverified user and their pending enrolment, issues the
 * verification token and queues its email, in one transaction. A taken email
 * creates nothing (the caller tells the owner instead).
 */
export async function createPendingAccount(
  db: Database,
  input: PendingSignup,
): Promise<{ ok: true; userId: number } | { ok: false; reason: "duplicate-email" }> {
  return db.transaction(async (tx) => {
    // DO NOTHING on the case-insensitive email index: a concurrent signup with the same email inserts nothing.
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "distributor", passwordHash: input.passwordHash, timeZone: input.timeZone, createdAt: input.at })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) return { ok: false, reason: "duplicate-email" } as const;
    await tx.insert(pendingEnrolments).values({
      userId: user.id,
      sponsorId: input.sponsorId,
      enrolledVia: input.enrolledVia,
      country: input.country,
      agreementVersion: input.agreementVersion,
      agreementAcceptedAt: input.at,
      createdAt: input.at,
      expiresAt: new Date(input.at.getTime() + env.unverifiedDays * 86_400_000),
    });
    await sendVerificationLink(tx, user.id, input.at);
    return { ok: true, userId: user.id } as const;
  });
}

/** A fresh verification token for a pending user (earlier links stop working) and its email. */
async function sendVerificationLink(tx: Database, userId: number, at: Date): Promise<void> {
  const [row] = await queryRows<{ email: string; name: string; sponsor_name: string | null; sponsor_is_root: boolean | null }>(
    tx,
    sql`select u.email, u.name, su.name as sponsor_name, (s.sponsor_id is null) as sponsor_is_root
        from users u
        join pending_enrolments p on p.user_id = u.id
        left join distributors s on s.id = p.sponsor_id
        left join users su on su.id = s.user_id
        where u.id = ${userId}`,
  );
  if (!row) throw new Error(`user ${userId} has no pending enrolment`);
  const token = await issueAccountToken(tx, { userId, purpose: "verify_email", ttlMs: VERIFY_LINK_HOURS * 3_600_000, at });
  await queueEmail(tx, {
    eventKey: `verify:user:${userId}:${hashAccountToken(token).slice(0, 16)}`,
    to: row.email,
    userId,
    template: "verify_email",
    data: {
      name: row.name,
      // The company's house account is no one's team to name.
      sponsorName: row.sponsor_is_root ? null : row.sponsor_name,
      url: siteLink(`/verify-email?token=${token}`),
      validHours: VERIFY_LINK_HOURS,
    },
    at,
  });
}

/**
 * Tells the owner of `email` that someone tried to sign up with it, at most
 * once a day per address (the signup itself answers as if it had worked).
 */
export async function queueEmailInUse(db: Database, email: string, at: Date): Promise<void> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  if (!user) return;
  await queueEmail(db, {
    eventKey: `email-in-use:${user.id}:${utcDay(at)}`,
    to: user.email,
    userId: user.id,
    template: "email_in_use",
    data: { name: user.name },
    at,
  });
}

export type ResendOutcome = { ok: true } | { ok: false; reason: "rate-limited" | "not-pending" };

/** "Resend the link" from the banner: a new token and email, rate limited per user. */
export async function resendVerificationLink(db: Database, userId: number, at: Date): Promise<ResendOutcome> {
  const [pending] = await db.select({ userId: pendingEnrolments.userId }).from(pendingEnrolments).where(eq(pendingEnrolments.userId, userId));
  if (!pending) return { ok: false, reason: "not-pending" };
  if (!(await consumeRateLimit(db, `verify-resend:minute:${userId}`, resendRateLimits.minute, at)).allowed) return { ok: false, reason: "rate-limited" };
  if (!(await consumeRateLimit(db, `verify-resend:day:${userId}`, resendRateLimits.day, at)).allowed) return { ok: false, reason: "rate-limited" };
  await db.transaction((tx) => sendVerificationLink(tx, userId, at));
  return { ok: true };
}

export interface Verified {
  userId: number;
  distributorId: number;
  /** Whom they were placed under (the company's root when the chosen sponsor left meanwhile). */
  sponsorName: string;
}

/**
 * Verifies a pending user in the caller's transaction: sets email_verified_at,
 * places them in the tree, deletes the pending enrolment, ends any other
 * verification link, and tells the sponsor and the uplines. Null when there is
 * nothing pending (already verified, or expired and deleted).
 */
export async function completeVerification(tx: Database, userId: number, at: Date): Promise<Verified | null> {
  const [pending] = await tx
    .select({
      name: users.name,
      sponsorId: pendingEnrolments.sponsorId,
      enrolledVia: pendingEnrolments.enrolledVia,
      country: pendingEnrolments.country,
      agreementVersion: pendingEnrolments.agreementVersion,
      agreementAcceptedAt: pendingEnrolments.agreementAcceptedAt,
    })
    .from(pendingEnrolments)
    .innerJoin(users, eq(users.id, pendingEnrolments.userId))
    .where(eq(pendingEnrolments.userId, userId))
    .for("update");
  if (!pending) return null;
  await tx
    .update(users)
    .set({ emailVerifiedAt: at })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));

  const placement = {
    userId,
    name: pending.name,
    country: pending.country,
    agreementVersion: pending.agreementVersion,
    agreementAcceptedAt: pending.agreementAcceptedAt,
    joinedAt: at,
  };
  let placed =
    pending.sponsorId === null
      ? null
      : await placeDistributor(tx, { ...placement, sponsorId: pending.sponsorId, enrolledVia: asSignupSource(pending.enrolledVia) });
  if (!placed) {
    // The sponsor was terminated meanwhile: as at signup when a remembered
    // sponsor is gone, the member joins the company directly, under its root.
    const root = await findRootDistributor(tx);
    placed = root ? await placeDistributor(tx, { ...placement, sponsorId: root.distributorId, enrolledVia: "direct" }) : null;
    if (!placed) throw new Error("cannot place a verified member: the company has no active root distributor");
  }

  await tx.delete(pendingEnrolments).where(eq(pendingEnrolments.userId, userId));
  await tx.execute(
    sql`update account_tokens set used_at = ${at.toISOString()}::timestamptz where user_id = ${userId} and purpose = 'verify_email' and used_at is null`,
  );
  const sponsorName = await notifyUplines(tx, placed.distributorId, pending.name, at);
  return { userId, distributorId: placed.distributorId, sponsorName };
}

function asSignupSource(via: string): SignupSource {
  return via === "link" || via === "cookie" ? via : "direct";
}

/** How many generations above a new member hear of them: the plan's paid levels. */
async function notifiedGenerations(tx: Database): Promise<number> {
  const [plan] = await queryRows<{ levels: number | null }>(
    tx,
    sql`select array_length(levels_bps, 1) as levels from compensation_plans order by version desc limit 1`,
  );
  const levels = plan?.levels ?? 0;
  return levels > 0 ? levels : DEFAULT_NOTIFIED_GENERATIONS;
}

/**
 * The sponsor hears at once (team_join), the active uplines of generations 2
 * and deeper by their chosen mode (team_join_deep: a daily digest by default).
 * Returns the sponsor's name.
 */
async function notifyUplines(tx: Database, distributorId: number, name: string, at: Date): Promise<string> {
  const [self] = await tx.select({ path: distributors.path }).from(distributors).where(eq(distributors.id, distributorId));
  const ancestorIds = (self?.path ?? "").split(".").map(Number).slice(0, -1).reverse();
  const generations = ancestorIds.slice(0, await notifiedGenerations(tx));
  const uplines = await queryRows<{ id: number; user_id: number; name: string; status: string }>(
    tx,
    sql`select d.id, d.user_id, u.name, d.status from distributors d join users u on u.id = d.user_id where d.id in (${sql.join(
      generations.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const byId = new Map(uplines.map((u) => [u.id, u]));
  const sponsorName = byId.get(generations[0]!)?.name ?? "";
  for (const [index, id] of generations.entries()) {
    const upline = byId.get(id);
    if (!upline || upline.status !== "active") continue;
    const generation = index + 1;
    await notify(tx, {
      userId: upline.user_id,
      kind: generation === 1 ? "team_join" : "team_join_deep",
      eventKey: `join:${distributorId}`,
      title: `${name} joined your team`,
      body:
        generation === 1
          ? [`${name} confirmed their email and joined your first generation.`, "Say hello and help them place their first order."]
          : [`${name} joined generation ${generation} of your team, sponsored by ${sponsorName}.`],
      href: "/dashboard/team",
      action: "See your team",
      at,
    });
  }
  return sponsorName;
}

export type VerifyOutcome = { ok: true; verified: Verified } | { ok: false; reason: "invalid" };

/** Follows a verification link: uses the token up and verifies its user, in one transaction. */
export async function verifyEmailWithToken(db: Database, token: string, at: Date): Promise<VerifyOutcome> {
  return db.transaction(async (tx) => {
    const used = await consumeAccountToken(tx, { purpose: "verify_email", token, at });
    if (!used) return { ok: false, reason: "invalid" } as const;
    const verified = await completeVerification(tx, used.userId, at);
    return verified ? ({ ok: true, verified } as const) : ({ ok: false, reason: "invalid" } as const);
  });
}

/** An admin verifies a pending signup by hand: the same as following the link, audit-logged. */
export async function verifySignupByAdmin(db: Database, input: { userId: number; actorUserId: number; at: Date }): Promise<Verified | null> {
  return db.transaction(async (tx) => {
    const verified = await completeVerification(tx, input.userId, input.at);
    if (!verified) return null;
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "distributor.verify_email",
      entity: "distributor",
      entityId: verified.distributorId,
      after: { userId: verified.userId, sponsor: verified.sponsorName, verifiedAt: input.at.toISOString() },
    });
    return verified;
  });
}

/**
 * Deletes the signups whose verification window ended before `at`, with their
 * users (tokens, notifications and the pending row go with them; their emails
 * stay in the outbox without a user). Returns how many.
 */
export async function expireUnverifiedSignups(db: Database, at: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from users u
        using pending_enrolments p
        where p.user_id = u.id and p.expires_at <= ${at.toISOString()}::timestamptz and u.email_verified_at is null
          and not exists (select 1 from distributors d where d.user_id = u.id)
        returning u.id`,
  );
  return rows.length;
}
