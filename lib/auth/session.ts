import "server-only";
import { eq } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { distributors, users } from "@/db/schema";
import type { UserRole } from "@/db/schema/users";
import { currentSession } from "./current-session";

export interface Viewer {
  userId: number;
  name: string;
  email: string;
  role: UserRole;
  /** The viewer's own distributor record; admins usually have none. */
  distributorId: number | null;
  /**
   * Their distributor account is terminated: no team, no referral link, no
   * shop; they still see their own orders, earnings and payouts (they are owed them).
   */
  terminated: boolean;
  /**
   * A signup whose email is not verified yet: no distributor record, so no
   * team, no shop (lib/accounts/verify.ts); the dashboard offers a new link.
   */
  awaitingVerification: boolean;
  /** The IANA zone the viewer's times are shown in (their account setting). */
  timeZone: string;
}

/**
 * The signed-in user, read fresh from the database once per request, or null.
 * A token whose user no longer exists, or whose session version is not the
 * user's current one (signed out, terminated: lib/auth/sessions.ts), counts as
 * signed out.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await currentSession();
  const userId = Number(session?.user.id);
  if (!session || !Number.isSafeInteger(userId) || userId <= 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      distributorId: distributors.id,
      distributorStatus: distributors.status,
      sessionVersion: users.sessionVersion,
      emailVerifiedAt: users.emailVerifiedAt,
      timeZone: users.timeZone,
    })
    .from(users)
    .leftJoin(distributors, eq(distributors.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.sessionVersion !== session.user.sv) return null;
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    distributorId: row.distributorId,
    terminated: row.distributorStatus === "terminated",
    awaitingVerification: row.role === "distributor" && row.distributorId === null && row.emailVerifiedAt === null,
    timeZone: row.timeZone,
  };
});

/** Every private page and action starts here. */
export async function requireUser(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/** Admin pages and actions: anyone else gets a 404, so admin URLs are not advertised. */
export async function requireAdmin(): Promise<Viewer> {
  const viewer = await requireUser();
  if (viewer.role !== "admin") notFound();
  return viewer;
}
