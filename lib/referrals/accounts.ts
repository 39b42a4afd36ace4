import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";
import { referralCodeFromSlug, slugifyName } from "@/lib/referral-code";
import { isCodeRetiredOrReserved, loadReservedRules, tryLockCode } from "./codes";
import { reservedFreeSlug } from "./reserved";
import { addSignup } from "./stats";

export type SignupSource = "link" | "cookie" | "direct";

export interface NewDistributorAccount {
  name: string;
  /** Already normalised (trimmed, lowercase). */
  email: string;
  passwordHash: string;
  country: string;
  /** Resolved on the server from the link, the cookie or the root; never from the form. */
  sponsorId: number;
  enrolledVia: SignupSource;
  agreementVersion: string;
  acceptedAt: Date;
  /** 0..n-1; crypto's by default, seeded in tests that want collisions. */
  randomInt?: (n: number) => number;
}

export type CreateAccountResult =
  { ok: true; userId: number; distributorId: number; referralCode: string } | { ok: false; reason: "duplicate-email" | "sponsor-unavailable" };

const codeAttempts = 8;

/**
 * A fresh code from a name's slug (without reserved words: reservedFreeSlug)
 * plus a short suffix; after a few
 * collisions (a very common name), three more random digits, always from
 * crypto, so even a rigged random source in tests cannot run out of codes.
 */
function candidateCode(slug: string, attempt: number, rnd: (n: number) => number): string {
  const code = referralCodeFromSlug(slug, rnd);
  return attempt < 4 ? code : `${code}${String(randomInt(1000)).padStart(3, "0")}`;
}

/** FOR SHARE: the sponsor cannot be terminated while their recruit is being placed. */
async function sponsorIsActive(tx: Database, sponsorId: number): Promise<boolean> {
  const [sponsor] = await tx
    .select({ id: distributors.id })
    .from(distributors)
    .where(and(eq(distributors.id, sponsorId), eq(distributors.status, "active")))
    .for("share");
  return sponsor !== undefined;
}

export interface Placement {
  userId: number;
  /** Names the referral code. */
  name: string;
  country: string | null;
  sponsorId: number;
  enrolledVia: SignupSource;
  agreementVersion: string | null;
  agreementAcceptedAt: Date | null;
  /** The join date: when the member takes their place in the tree. */
  joinedAt: Date;
  randomInt?: (n: number) => number;
}

/**
 * Places an existing user in the tree under an active sponsor, inside the
 * caller's transaction: the distributor row with a unique referral code, and
 * the sponsor's signup counter. The path and depth come from the tree trigger.
 * Null when the sponsor is not active (terminated meanwhile).
 */
export async function placeDistributor(tx: Database, input: Placement): Promise<{ distributorId: number; referralCode: string } | null> {
  const rnd = input.randomInt ?? ((n: number) => randomInt(n));
  if (!(await sponsorIsActive(tx, input.sponsorId))) return null;
  const sponsor = { id: input.sponsorId };

  const rules = await loadReservedRules(tx);
  const slug = reservedFreeSlug(slugifyName(input.name), rules);
  for (let attempt = 0; attempt < codeAttempts; attempt++) {
    const code = candidateCode(slug, attempt, rnd);
    // Being claimed by a concurrent signup or code change: as good as taken.
    if (!(await tryLockCode(tx, code))) continue;
    if (await isCodeRetiredOrReserved(tx, code, rules, input.joinedAt)) continue;
    // DO NOTHING instead of catching the unique violation, which would abort the transaction.
    const [row] = await tx
      .insert(distributors)
      .values({
        userId: input.userId,
        sponsorId: sponsor.id,
        referralCode: code,
        referralCodeSince: input.joinedAt,
        country: input.country,
        enrolledVia: input.enrolledVia,
        agreementVersion: input.agreementVersion,
        agreementAcceptedAt: input.agreementAcceptedAt,
        joinedAt: input.joinedAt,
      })
      .onConflictDoNothing()
      .returning({ id: distributors.id, code: distributors.referralCode });
    if (row) {
      await addSignup(tx, sponsor.id, input.joinedAt);
      return { distributorId: row.id, referralCode: row.code };
    }
  }
  throw new Error(`no free referral code for "${input.name}" after ${codeAttempts} attempts`);
}

/**
 * Creates a verified user and their distributor under the sponsor in one
 * transaction (admin-made and seeded accounts, tests). A signup goes through
 * email verification instead (lib/accounts/verify.ts). A duplicate email writes nothing.
 */
export async function createDistributorAccount(db: Database, input: NewDistributorAccount): Promise<CreateAccountResult> {
  return db.transaction(async (tx) => {
    if (!(await sponsorIsActive(tx, input.sponsorId))) return { ok: false, reason: "sponsor-unavailable" } as const;
    // DO NOTHING on the case-insensitive email index: a concurrent signup with the
    // same email waits for the first and then inserts nothing.
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "distributor", passwordHash: input.passwordHash, emailVerifiedAt: input.acceptedAt })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) return { ok: false, reason: "duplicate-email" } as const;
    const placed = await placeDistributor(tx, {
      userId: user.id,
      name: input.name,
      country: input.country,
      sponsorId: input.sponsorId,
      enrolledVia: input.enrolledVia,
      agreementVersion: input.agreementVersion,
      agreementAcceptedAt: input.acceptedAt,
      joinedAt: input.acceptedAt,
      randomInt: input.randomInt,
    });
    // The sponsor is held FOR SHARE above: it is still active.
    if (!placed) throw new Error(`sponsor ${input.sponsorId} became unavailable while placing a recruit`);
    return { ok: true, userId: user.id, ...placed } as const;
  });
}

/** Whether an account with this email exists, case-insensitively. */
export async function emailTaken(db: Database, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row !== undefined;
}
