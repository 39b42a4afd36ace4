import type { Database } from "@/db/client";
import { lockLedger } from "@/lib/ledger/db";
import { scheduleTeamRollups } from "@/lib/ledger/rollups";
import { checkAndWrite } from "./checks";
import type { OrderJob, Outcome, PlacedOrder } from "./job";
import { updateLedger, updateLedgers } from "./ledger-update";

interface BatchItem {
  job: OrderJob;
  settle: { resolve: (placed: PlacedOrder) => void; reject: (error: unknown) => void };
  outcome?: Outcome | { error: unknown };
}

interface Batch {
  items: BatchItem[];
}

// A batch stops taking orders at this size (a burst of thousands of requests
// would otherwise make one long transaction): the next one starts. At most 100:
// attemptOrders passes json_build_array an argument per order.
const MAX_BATCH = 32;

/**
 * Group commit. Orders serialise on the ledger lock, and each transaction
 * costs round trips and a commit besides its ledger work, so concurrent
 * orders of one process share one transaction: a batch runs the checks and
 * writes of every order that joins it (outside the lock) while the batch before
 * it holds the ledger, then takes the lock once, updates the ledger for all of
 * them (applyNewOrders) and commits once. A lone order is a batch of one,
 * started at once. A refused order (OrderError) is refused alone; any other
 * failure rolls the batch back, and its orders are placed again one by one, so
 * one bad order cannot fail the others.
 *
 * Waits: a batch never waits in this process while it holds row locks (its
 * inserts lock the seller's and the period's rows): an admin holding the
 * ledger lock and waiting for such a row would make a cycle PostgreSQL cannot
 * see. The only wait here comes first, before the transaction: a batch checks
 * its orders once the batch before it has checked all of its own (two submits
 * of one key in the two batches then meet in one order). It waits for the
 * batch holding the ledger inside PostgreSQL, on the lock itself.
 */
export class OrderBatcher {
  private forming: Batch | null = null;
  // The batch between taking the ledger and its commit, if any.
  private holding: Batch | null = null;
  // The last batch's checks, as a promise of their end.
  private checks: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  submit(job: OrderJob): Promise<PlacedOrder> {
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
        // Checks the orders not checked yet, together (orders joining meanwhile: another round).
        const check = async () => {
          while (next < batch.items.length) {
            const items = batch.items.slice(next);
            next = batch.items.length;
            const outcomes = await checkAndWrite(
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
        // (orders arriving meanwhile still join); else the update below takes it.
        if (this.holding) await lockLedger(tx);
        this.holding = batch;
        close();
        await check();
        checked();
        const pending = batch.items.filter((item) => !item.outcome);
        const placed = await updateLedgers(
          this.db,
          tx,
          pending.map((item) => item.job),
        );
        pending.forEach((item, k) => (item.outcome = { placed: placed[k]! }));
      });
    } catch (batchError) {
      // Rolled back: nothing of this batch was written. Each order again, alone.
      console.error(`[lineage] An order batch failed and was rolled back; placing its ${batch.items.length} order(s) again one by one`, batchError);
      release();
      let created = false;
      await Promise.all(
        batch.items.map(async (item) => {
          try {
            const placed = await placeAlone(this.db, item.job);
            created ||= placed.created;
            item.settle.resolve(placed);
          } catch (error) {
            item.settle.reject(error);
          }
        }),
      );
      if (created) scheduleTeamRollups(this.db);
      return;
    } finally {
      release();
    }
    for (const { outcome, settle } of batch.items) {
      if (outcome && "placed" in outcome) settle.resolve(outcome.placed);
      else settle.reject(outcome?.error ?? new Error("order left without an outcome"));
    }
    if (batch.items.some((i) => i.outcome && "placed" in i.outcome && i.outcome.placed.created)) scheduleTeamRollups(this.db);
  }
}

/** One order in its own transaction. */
async function placeAlone(db: Database, job: OrderJob): Promise<PlacedOrder> {
  return db.transaction(async (tx) => {
    const [outcome] = await checkAndWrite(tx, [job]);
    if (!outcome) return updateLedger(db, tx, job);
    if ("error" in outcome) throw outcome.error;
    return outcome.placed;
  });
}
