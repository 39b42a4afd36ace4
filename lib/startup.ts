import { prepareDatabase } from "@/db/bootstrap";
import { getDb } from "@/db/client";
import { DatabaseLockedError } from "@/db/lock";
import { authSecret, ConfigError } from "@/lib/env";

/** Checks the configuration, migrates and (on an empty database) seeds; refuses to start when misconfigured. */
export async function startServer(): Promise<void> {
  try {
    authSecret();
    await prepareDatabase();
    // A full run a previous process left pending (it stopped mid-way) runs now.
    const { resumePendingRecomputes } = await import("@/lib/ledger/background");
    await resumePendingRecomputes(await getDb());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
      console.error(`[lineage] Cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
