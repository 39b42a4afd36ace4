import "server-only";
import { getDb } from "@/db/client";
import { listFailures, listSubscriptions, listUpcomingRuns, type AdminSubscriptionRow, type AutoshipFailure, type UpcomingDay } from "@/lib/admin/autoship";
import { requireAdmin } from "@/lib/auth/session";
import type { AdminAutoshipQuery } from "@/lib/validation/admin-autoship";

// The admin autoship page's reads; admins only (anyone else: the 404 page).

export type { AdminSubscriptionRow, AutoshipFailure, UpcomingDay };

export interface AdminAutoshipOverview {
  subscriptions: AdminSubscriptionRow[];
  total: number;
  upcoming: UpcomingDay[];
  failures: AutoshipFailure[];
}

/** One page of subscriptions, the next 30 days' runs from `today` ("2026-12-03", UTC) and the failing runs. */
export async function getAdminAutoship(query: AdminAutoshipQuery, today: string): Promise<AdminAutoshipOverview> {
  await requireAdmin();
  const db = await getDb();
  const [{ rows, total }, upcoming, failures] = await Promise.all([listSubscriptions(db, query), listUpcomingRuns(db, today), listFailures(db)]);
  return { subscriptions: rows, total, upcoming, failures };
}
