import type { Database } from "@/db/client";
import { scheduleRecompute } from "@/lib/ledger/background";
import { scheduleTeamRollups, settleTeamRollups } from "@/lib/ledger/rollups";
import type { PaidOrder } from "./job";

/**
 * What follows a confirmed payment, wherever it was confirmed (the demo's form,
 * a provider's webhook, the buyer's return): a full run for the lines the
 * order left to the background, and the team rollups folded in so the next
 * team page shows the order.
 */
export async function settleAfterPayment(db: Database, paid: PaidOrder): Promise<void> {
  if (!paid.confirmed) return;
  if (paid.deferred) void scheduleRecompute(db, paid.periodId);
  await settleTeamRollups(db);
}

/**
 * The same for a payment nobody waits on (autoship's runs in the job worker):
 * the rollups are folded in the background, many orders in one apply.
 */
export function settleAfterPaymentInBackground(db: Database, paid: PaidOrder): void {
  if (!paid.confirmed) return;
  if (paid.deferred) void scheduleRecompute(db, paid.periodId);
  scheduleTeamRollups(db);
}
