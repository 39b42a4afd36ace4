import type { Database } from "@/db/client";
import { OrderBatcher } from "./batcher";
import { newJob, type ConfirmPaymentInput, type LedgerOptions, type PaidOrder } from "./job";

const batchers = new WeakMap<Database, OrderBatcher>();

/**
 * Turns an unpaid order paid, as its payment provider confirmed, and brings the
 * open period's ledger up to date in the same transaction: from this moment,
 * and not before, the order counts (volume, ledger lines, rank). The order's
 * period is that of the payment. A repeated confirmation (a replayed webhook, a
 * double click, twenty at once) finds the order paid and changes nothing.
 *
 * Paid orders serialise on the global ledger lock, so only the ledger update
 * runs under it; concurrent confirmations of this process share a transaction
 * (OrderBatcher).
 */
export async function confirmPayment(db: Database, input: ConfirmPaymentInput, options: LedgerOptions = {}): Promise<PaidOrder> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new OrderBatcher(db)));
  return batcher.submit(newJob(input, options));
}
