import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/** A transaction of the driver-neutral Database. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Tx;

// Every write that changes a period's volumes or ledger takes this lock first.
// Every order updates its whole upline, so orders serialise on the root's row
// anyway; one lock makes that explicit, rules out deadlocks, and lets an order
// read the rest of the tree knowing no other write is half-way through it.
export const LEDGER_LOCK = 727_001;

export async function lockLedger(tx: Tx): Promise<void> {
  await tx.execute(sql.raw(`select pg_advisory_xact_lock(${LEDGER_LOCK})`));
}

/** The ids of a materialised path ("1.17.342"), root first. */
export function pathIds(path: string): number[] {
  return path.split(".").map(Number);
}
