import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import type { AutoshipBrief } from "./card-state";
import { quoteSubscriptions } from "./quote";

/**
 * A member's autoship in brief, for the dashboard: the one not cancelled (a
 * member has at most one), its next order's PV at today's catalog, and the
 * cycle of a declined run waiting for a retry. Null: no autoship.
 */
export async function getAutoshipBrief(db: Executor, distributorId: number): Promise<AutoshipBrief | null> {
  const [row] = await queryRows<{ id: number; status: AutoshipBrief["status"]; day_of_month: number; next_run_on: string; retrying: string | null }>(
    db,
    sql`select s.id, s.status, s.day_of_month, s.next_run_on::text as next_run_on,
               (select r.cycle::text from subscription_runs r where r.subscription_id = s.id and r.status = 'retrying' order by r.cycle desc limit 1) as retrying
        from subscriptions s
        where s.distributor_id = ${distributorId} and s.status <> 'cancelled'`,
  );
  if (!row) return null;
  const quote = (await quoteSubscriptions(db, [row.id])).get(row.id);
  return { status: row.status, dayOfMonth: row.day_of_month, nextRunOn: row.next_run_on, pv: quote?.pv ?? 0, retryingCycle: row.retrying };
}
