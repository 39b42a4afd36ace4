import type { Database } from "@/db/client";
import { OrderBatcher } from "./batcher";
import { newJob, type LedgerOptions, type PlaceOrderInput, type PlacedOrder } from "./job";

const batchers = new WeakMap<Database, OrderBatcher>();

/**
 * Records a paid order and brings the open period's ledger up to date, all in
 * one transaction. Prices and volumes come from the catalog, never the client.
 * The idempotency key makes a retry, a double click or a replay return the
 * first result instead of ordering twice.
 *
 * Orders serialise on the global ledger lock, so only the ledger update runs
 * under it: the checks, the order and its lines (one round trip) come first,
 * in parallel with other orders (invisible to them until commit). Concurrent
 * orders of this process share a transaction (OrderBatcher). The unique
 * idempotency key settles two submits of one form: the second waits for the
 * first to commit (or, in one batch, finds it by its key), then returns its order.
 */
export async function placeOrder(db: Database, input: PlaceOrderInput, options: LedgerOptions = {}): Promise<PlacedOrder> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new OrderBatcher(db)));
  return batcher.submit(newJob(input, options));
}
