import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";

export interface TestTree {
  root: number;
  sponsor: number;
  other: number;
  terminated: number;
}

async function addDistributor(db: Database, name: string, code: string, sponsorId: number | null, status: "active" | "terminated" = "active") {
  const [user] = await db
    .insert(users)
    .values({ email: `${code}@referrals.test`, name, passwordHash: "not-a-real-hash" })
    .returning({ id: users.id });
  const [row] = await db.insert(distributors).values({ userId: user!.id, sponsorId, referralCode: code, status }).returning({ id: distributors.id });
  return row!.id;
}

/** A house account, two distributors under it, and a terminated one. */
export async function seedTestTree(db: Database): Promise<TestTree> {
  const root = await addDistributor(db, "House Account", "house", null);
  const sponsor = await addDistributor(db, "Ana Sponsor", "ana-sponsor", root);
  const other = await addDistributor(db, "Otto Other", "otto-other", root);
  const terminated = await addDistributor(db, "Gone Member", "gone-member", sponsor, "terminated");
  return { root, sponsor, other, terminated };
}

/** Every distributor's id, sponsor, path and depth, in id order. */
export async function treeRows(db: Database) {
  return db
    .select({ id: distributors.id, sponsorId: distributors.sponsorId, path: distributors.path, depth: distributors.depth, code: distributors.referralCode })
    .from(distributors)
    .orderBy(asc(distributors.id));
}

export async function distributorByEmail(db: Database, email: string) {
  const [row] = await db
    .select({
      id: distributors.id,
      sponsorId: distributors.sponsorId,
      path: distributors.path,
      depth: distributors.depth,
      code: distributors.referralCode,
      country: distributors.country,
      enrolledVia: distributors.enrolledVia,
      agreementVersion: distributors.agreementVersion,
      agreementAcceptedAt: distributors.agreementAcceptedAt,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .innerJoin(distributors, eq(distributors.userId, users.id))
    .where(eq(users.email, email));
  return row;
}
