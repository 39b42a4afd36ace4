import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Executor } from "./db";

// The team rollups (per-generation stats and the GV mirror) are folded in from
// a queue that stats writes append to (migration 0011), so an order does not
// update them row by row under the ledger lock. Every write that queues changes
// applies them once it commits: the order actions before they answer (so the
// buyer's next page is exact), the batcher soon after (scheduleTeamRollups),
// refunds and full runs themselves. Pages only read: they never apply.

/** Folds the queue into the team rollups; returns how many distributors' changes it applied. */
export async function applyTeamRollups(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select team_rollup_apply() as n`);
  return row?.n ?? 0;
}

/**
 * Applies the queue now, after a write the caller's next page must show; a
 * failure is logged, never thrown (nothing is lost: the queue stays for the
 * next apply).
 */
export async function settleTeamRollups(db: Database): Promise<void> {
  try {
    await applyTeamRollups(db);
  } catch (error) {
    console.error("[lineage] Applying the team rollups failed", error);
  }
}

const APPLY_DELAY_MS = 50;

// One apply at a time per database; a request meanwhile runs one more after it,
// which picks up everything queued since (many orders in one apply).
const applying = new WeakMap<Database, { again: boolean; done: Promise<void> }>();

/** Applies the queue in the background, soon after the caller's commit. */
export function scheduleTeamRollups(db: Database): void {
  const running = applying.get(db);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false, done: Promise.resolve() };
  applying.set(db, state);
  state.done = (async () => {
    try {
      // A short wait first lets one apply take the orders of a burst together
      // (on PGlite, one connection, an apply per order would also queue
      // behind each next order).
      await new Promise((resolve) => setTimeout(resolve, APPLY_DELAY_MS));
      do {
        state.again = false;
        await applyTeamRollups(db);
      } while (state.again);
    } catch (error) {
      // Nothing is lost: the queue stays, and the next apply (or read) folds it in.
      console.error("[lineage] Applying the team rollups failed", error);
    } finally {
      applying.delete(db);
    }
  })();
}

/** Resolves once no background apply is running for `db` (tests, the benchmark). */
export async function backgroundRollupsSettled(db: Database): Promise<void> {
  await applying.get(db)?.done;
}
