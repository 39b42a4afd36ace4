import "server-only";
import { aliasedTable, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { queryRows } from "@/db/rows";
import { distributors, pendingEnrolments, users } from "@/db/schema";
import { accountTokenIsLive } from "@/lib/accounts/tokens";
import { requireAdmin, requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";

export interface MyPendingEnrolment {
  email: string;
  /** Whose team verifying joins; null: the company's own (the root). */
  sponsorName: string | null;
  expiresAt: Date;
}

/** The viewer's signup waiting for email verification, or null when they have none. */
export async function getMyPendingEnrolment(): Promise<MyPendingEnrolment | null> {
  const viewer = await requireUser();
  if (!viewer.awaitingVerification) return null;
  const sponsorUser = aliasedTable(users, "sponsor_user");
  const [row] = await (
    await getDb()
  )
    .select({ sponsorName: sponsorUser.name, sponsorOfSponsor: distributors.sponsorId, expiresAt: pendingEnrolments.expiresAt })
    .from(pendingEnrolments)
    .leftJoin(distributors, eq(distributors.id, pendingEnrolments.sponsorId))
    .leftJoin(sponsorUser, eq(sponsorUser.id, distributors.userId))
    .where(eq(pendingEnrolments.userId, viewer.userId));
  if (!row) return null;
  return { email: viewer.email, sponsorName: row.sponsorOfSponsor === null ? null : row.sponsorName, expiresAt: row.expiresAt };
}

export interface PendingSignupRow {
  userId: number;
  name: string;
  email: string;
  /** Null: the company's root. */
  sponsorName: string | null;
  sponsorCode: string | null;
  signedUpAt: Date;
  expiresAt: Date;
}

/** Signups awaiting email verification, oldest first: for admins, who may verify by hand. */
export async function listPendingSignups(limit = 100): Promise<PendingSignupRow[]> {
  await requireAdmin();
  const rows = await queryRows<{
    user_id: number;
    name: string;
    email: string;
    sponsor_name: string | null;
    sponsor_code: string | null;
    sponsor_is_root: boolean | null;
    created_at: string | Date;
    expires_at: string | Date;
  }>(
    await getDb(),
    sql`select u.id as user_id, u.name, u.email, su.name as sponsor_name, s.referral_code as sponsor_code, (s.sponsor_id is null) as sponsor_is_root,
               p.created_at, p.expires_at
        from pending_enrolments p
        join users u on u.id = p.user_id
        left join distributors s on s.id = p.sponsor_id
        left join users su on su.id = s.user_id
        where u.email_verified_at is null
        order by p.created_at, u.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    // A signup under the company's root joins the company, not someone's team.
    sponsorName: r.sponsor_is_root === false ? r.sponsor_name : null,
    sponsorCode: r.sponsor_is_root === false ? r.sponsor_code : null,
    signedUpAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
  }));
}

/** Whether a verification link would work now (the page shows its button only then); public: the token is the key. */
export async function verificationLinkIsLive(token: string): Promise<boolean> {
  return accountTokenIsLive(await getDb(), { purpose: "verify_email", token, at: now() });
}
