import { sql } from "drizzle-orm";
import { LEDGER_LOCK } from "@/db/advisory-locks";
import type { Database } from "@/db/client";

/** A transaction of the driver-neutral Database. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Tx;

/** Takes the ledger lock (LEDGER_LOCK) to the end of the transaction. */
export async function lockLedger(tx: Tx): Promise<void> {
  await tx.execute(sql.raw(`select pg_advisory_xact_lock(${LEDGER_LOCK})`));
}
