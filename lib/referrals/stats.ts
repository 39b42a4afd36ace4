import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { referralLinkStats } from "@/db/schema";
import { monthOf } from "@/lib/periods";

/** The UTC day of an instant, as the ISO date the stats table keys on. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** One more visit of a distributor's referral page today (UTC). */
export async function addVisit(db: Pick<Database, "insert">, distributorId: number, at: Date): Promise<void> {
  await db
    .insert(referralLinkStats)
    .values({ distributorId, day: utcDay(at), visits: 1 })
    .onConflictDoUpdate({
      target: [referralLinkStats.distributorId, referralLinkStats.day],
      set: { visits: sql`${referralLinkStats.visits} + 1` },
    });
}

/** One more signup under a sponsor today (UTC); called inside the signup's transaction. */
export async function addSignup(db: Pick<Database, "insert">, distributorId: number, at: Date): Promise<void> {
  await db
    .insert(referralLinkStats)
    .values({ distributorId, day: utcDay(at), signups: 1 })
    .onConflictDoUpdate({
      target: [referralLinkStats.distributorId, referralLinkStats.day],
      set: { signups: sql`${referralLinkStats.signups} + 1` },
    });
}

export interface LinkStats {
  visits: number;
  signups: number;
}

/** Visits and signups in the calendar month (UTC) containing `at`: the period the share card shows. */
export async function monthlyLinkStats(db: Database, distributorId: number, at: Date): Promise<LinkStats> {
  const month = monthOf(at);
  const [row] = await db
    .select({
      visits: sql<string>`coalesce(sum(${referralLinkStats.visits}), 0)`,
      signups: sql<string>`coalesce(sum(${referralLinkStats.signups}), 0)`,
    })
    .from(referralLinkStats)
    .where(and(eq(referralLinkStats.distributorId, distributorId), gte(referralLinkStats.day, month.startsOn), lt(referralLinkStats.day, month.endsOn)));
  // sum() of integers is bigint, which the drivers hand back as a string.
  return { visits: Number(row?.visits ?? 0), signups: Number(row?.signups ?? 0) };
}
