import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Signups per client IP: enough for a family sharing a connection, too few for a script. */
export const signupRateLimit: RateLimit = { limit: 10, windowMs: 60_000 };

/**
 * Counts one hit against `key` in the current fixed window and says whether it
 * is within the limit. One upsert statement, outside any other transaction,
 * so it is cheap and every server process shares the count.
 */
export async function consumeRateLimit(db: Database, key: string, rule: RateLimit, now: Date): Promise<{ allowed: boolean; hits: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  const hits = row?.hits ?? 1;
  if (hits === 1) {
    // The first hit of a window sweeps what no window will read again: this key's
    // earlier windows, and anyone's from more than a day ago, so the table stays small.
    const dayAgo = new Date(now.getTime() - 86_400_000);
    await db.delete(rateLimits).where(sql`(${and(eq(rateLimits.key, key), lt(rateLimits.windowStart, windowStart))}) or ${lt(rateLimits.windowStart, dayAgo)}`);
  }
  return { allowed: hits <= rule.limit, hits };
}
