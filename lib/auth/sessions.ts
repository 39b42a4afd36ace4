import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";

/**
 * Ends every session of the user, on every device: sessions are signed tokens
 * that carry the user's session version, and getViewer refuses one whose
 * version is not the current one. Called on sign-out and termination; the
 * caller has authorized (the user themselves, or an admin).
 */
export async function revokeSessions(db: Executor, userId: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
