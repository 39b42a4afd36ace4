import type { Database } from "@/db/client";
import { lockLedger } from "@/lib/ledger/db";
import { scheduleTeamRollups } from "@/lib/ledger/rollups";
import { claimPayments } from "./claims";
import type { Outcome, PaidOrder, PaymentJob } from "./job";
import { updateLedger, updateLedgers } from "./ledger-update";
import { queueReceipts } from "./receipt-notices";

interface BatchItem {
  job: PaymentJob;
  settle: { resolve: (paid: PaidOrder) => void; reject: (error: unknown) => void };
  outcome?: Outcome | { error: unknown };
}

interface Batch {
  items: BatchItem[];
}

// A batch stops taking confirmations at this size (a burst of thousands of requests
// would otherwise make one long transaction): the next one starts. At most 100:
// attemptClaims passes json_build_array an argument per order.
const MAX_BATCH = 32;

/**
 * Group commit of payment confirmations. Paid orders serialise on the ledger
 * lock, and each transaction costs round trips and a commit besides its ledger
 * work, so concurrent confirmations of one process share one transaction: a
 * batch claims every order that joins it (the status change to paid, outside
 * the lock) while the batch before it holds the ledger, then takes the lock
 * once, updates the ledger for all of them (applyNewOrders) and commits once. A
 * lone confirmation is a batch of one, started at once. A refused one
 * (OrderError) is refused alone; any other failure rolls the batch back, and
 * its confirmations run again one by one, so one bad order cannot fail the others.
 *
 * Waits: a batch never waits in this process while it holds row locks (its
 * claims lock the orders' rows): an admin holding the
 * ledger lock and waiting for such a row would make a cycle PostgreSQL cannot
 * see. The only wait here comes first, before the transaction: a batch checks
 * its orders once the batch before it has checked all of its own (two
 * confirmations of one order in the two batches then meet in one paid order). It waits for the
 * batch holding the ledger inside PostgreSQL, on the lock itself.
 */
export class OrderBatcher {
  private forming: Batch | null = null;
  // The batch between taking the ledger and its commit, if any.
  private holding: Batch | null = null;
  // The last batch's checks, as a promise of their end.
  private checks: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  submit(job: PaymentJob): Promise<PaidOrder> {
    return new Promise((resolve, reject) => {
      const item: BatchItem = { job, settle: { resolve, reject } };
      if (this.forming && this.forming.items.length < MAX_BATCH) {
        this.forming.items.push(item);
        return;
      }
      const batch: Batch = { items: [item] };
      this.forming = batch;
      void this.run(batch);
    });
  }

  private async run(batch: Batch): Promise<void> {
    const previousChecks = this.checks;
    let checked = () => {};
    this.checks = new Promise<void>((resolve) => (checked = resolve));
    const close = () => {
      if (this.forming === batch) this.forming = null;
    };
    // Lets the next batches go: nothing of this one is pending any more.
    const release = () => {
      close();
      checked();
      if (this.holding === batch) this.holding = null;
    };
    try {
      await previousChecks;
      await this.db.transaction(async (tx) => {
        let next = 0;
        // Claims the orders not claimed yet, together (confirmations joining meanwhile: another round).
        const check = async () => {
          while (next < batch.items.length) {
            const items = batch.items.slice(next);
            next = batch.items.length;
            const outcomes = await claimPayments(
              tx,
              items.map((item) => item.job),
            );
            items.forEach((item, k) => {
              if (outcomes[k]) item.outcome = outcomes[k];
            });
          }
        };
        await check();
        // While another batch holds the ledger, wait for it on the lock itself
        // (confirmations arriving meanwhile still join); else the update below takes it.
        if (this.holding) await lockLedger(tx);
        this.holding = batch;
        close();
        await check();
        checked();
        const pending = batch.items.filter((item) => !item.outcome);
        const paid = await updateLedgers(
          this.db,
          tx,
          pending.map((item) => item.job),
        );
        pending.forEach((item, k) => (item.outcome = { paid: paid[k]! }));
        // The buyers' receipts, queued with the payments (one statement for the batch).
        await queueReceipts(
          tx,
          pending.map((item, k) => ({ orderId: paid[k]!.orderId, at: item.job.at })),
        );
      });
    } catch (batchError) {
      // Rolled back: nothing of this batch was written. Each confirmation again, alone.
      console.error(`[lineage] A payment batch failed and was rolled back; confirming its ${batch.items.length} order(s) again one by one`, batchError);
      release();
      let confirmed = false;
      await Promise.all(
        batch.items.map(async (item) => {
          try {
            const paid = await confirmAlone(this.db, item.job);
            confirmed ||= paid.confirmed;
            item.settle.resolve(paid);
          } catch (error) {
            item.settle.reject(error);
          }
        }),
      );
      if (confirmed) scheduleTeamRollups(this.db);
      return;
    } finally {
      release();
    }
    for (const { outcome, settle } of batch.items) {
      if (outcome && "paid" in outcome) settle.resolve(outcome.paid);
      else settle.reject(outcome?.error ?? new Error("order left without an outcome"));
    }
    if (batch.items.some((i) => i.outcome && "paid" in i.outcome && i.outcome.paid.confirmed)) scheduleTeamRollups(this.db);
  }
}

/** One confirmation in its own transaction. */
async function confirmAlone(db: Database, job: PaymentJob): Promise<PaidOrder> {
  return db.transaction(async (tx) => {
    const [outcome] = await claimPayments(tx, [job]);
    if (!outcome) {
      const paid = await updateLedger(db, tx, job);
      await queueReceipts(tx, [{ orderId: paid.orderId, at: job.at }]);
      return paid;
    }
    if ("error" in outcome) throw outcome.error;
    return outcome.paid;
  });
}
