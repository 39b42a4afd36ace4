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

/**
 * Creates the user and their distributor under the sponsor in one transaction,
 * with a unique referral code, the agreement acceptance, and the sponsor's
 * signup counter. The path and depth come from the tree trigger. A duplicate
 * email writes nothing.
 */
export async function createDistributorAccount(db: Database, input: NewDistributorAccount): Promise<CreateAccountResult> {
  const rnd = input.randomInt ?? ((n: number) => randomInt(n));
  return db.transaction(async (tx) => {
    // FOR SHARE: the sponsor cannot be terminated while their recruit is being placed.
    const [sponsor] = await tx
      .select({ id: distributors.id })
      .from(distributors)
      .where(and(eq(distributors.id, input.sponsorId), eq(distributors.status, "active")))
      .for("share");
    if (!sponsor) return { ok: false, reason: "sponsor-unavailable" } as const;

    // DO NOTHING on the case-insensitive email index: a concurrent signup with the
    // same email waits for the first and then inserts nothing.
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: "distributor", passwordHash: input.passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) return { ok: false, reason: "duplicate-email" } as const;

    const rules = await loadReservedRules(tx);
    const slug = reservedFreeSlug(slugifyName(input.name), rules);
    for (let attempt = 0; attempt < codeAttempts; attempt++) {
      const code = candidateCode(slug, attempt, rnd);
      // Being claimed by a concurrent signup or code change: as good as taken.
      if (!(await tryLockCode(tx, code))) continue;
      if (await isCodeRetiredOrReserved(tx, code, rules, input.acceptedAt)) continue;
      // DO NOTHING instead of catching the unique violation, which would abort the transaction.
      const [row] = await tx
        .insert(distributors)
        .values({
          userId: user.id,
          sponsorId: sponsor.id,
          referralCode: code,
          referralCodeSince: input.acceptedAt,
          country: input.country,
          enrolledVia: input.enrolledVia,
          agreementVersion: input.agreementVersion,
          agreementAcceptedAt: input.acceptedAt,
          joinedAt: input.acceptedAt,
        })
        .onConflictDoNothing()
        .returning({ id: distributors.id, code: distributors.referralCode });
      if (row) {
        await addSignup(tx, sponsor.id, input.acceptedAt);
        return { ok: true, userId: user.id, distributorId: row.id, referralCode: row.code } as const;
      }
    }
    throw new Error(`no free referral code for "${input.name}" after ${codeAttempts} attempts`);
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
