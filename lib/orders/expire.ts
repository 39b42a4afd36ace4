import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";

/**
 * Marks every order still unpaid at the end of its payment window expired, and
 * returns their ids. They never counted anywhere; expired, they can no longer
 * be paid through our own form (a provider's late confirmation is still
 * honoured: the buyer paid, lib/orders/claims.ts). Run by the sweep in
 * lib/startup.ts and safe to run anywhere, any number of times.
 */
export async function expireUnpaidOrders(db: Database, now: Date): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update orders set status = 'expired'
        where status in ('pending_payment', 'payment_failed') and expires_at <= ${now.toISOString()}::timestamptz
        returning id`,
  );
  return rows.map((r) => r.id);
}
