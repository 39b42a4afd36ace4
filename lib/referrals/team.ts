import { aliasedTable, asc, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";
import type { SponsorRecord } from "./codes";

/** The company's root (house account): the distributor without a sponsor, the oldest if several. */
export async function findRootDistributor(db: Database): Promise<SponsorRecord | null> {
  const [row] = await db
    .select({ distributorId: distributors.id, code: distributors.referralCode, name: users.name })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(isNull(distributors.sponsorId))
    .orderBy(asc(distributors.id))
    .limit(1);
  return row ?? null;
}

export interface RecruitRecord {
  distributorId: number;
  name: string;
  joinedAt: Date;
}

/** A distributor's newest first-generation recruits (those they sponsor directly). */
export async function listRecentRecruits(db: Database, sponsorId: number, limit = 5): Promise<RecruitRecord[]> {
  return db
    .select({ distributorId: distributors.id, name: users.name, joinedAt: distributors.joinedAt })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(eq(distributors.sponsorId, sponsorId))
    .orderBy(desc(distributors.joinedAt), desc(distributors.id))
    .limit(limit);
}

/** A distributor's sponsor, and whether that sponsor is the company's root; null for the root itself. */
export async function findSponsorOf(db: Database, distributorId: number): Promise<{ name: string; isRoot: boolean } | null> {
  const sponsor = aliasedTable(distributors, "sponsor");
  const [row] = await db
    .select({ name: users.name, sponsorOfSponsor: sponsor.sponsorId })
    .from(distributors)
    .innerJoin(sponsor, eq(sponsor.id, distributors.sponsorId))
    .innerJoin(users, eq(users.id, sponsor.userId))
    .where(eq(distributors.id, distributorId))
    .limit(1);
  return row ? { name: row.name, isRoot: row.sponsorOfSponsor === null } : null;
}

export interface DirectSignupRecord {
  distributorId: number;
  name: string;
  email: string;
  country: string | null;
  joinedAt: Date;
}

/** Signups that came with no link and no cookie, placed under the root: for admins to follow up. */
export async function listDirectSignups(db: Database, limit = 10): Promise<DirectSignupRecord[]> {
  return db
    .select({ distributorId: distributors.id, name: users.name, email: users.email, country: distributors.country, joinedAt: distributors.joinedAt })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(eq(distributors.enrolledVia, "direct"))
    .orderBy(desc(distributors.joinedAt), desc(distributors.id))
    .limit(limit);
}
