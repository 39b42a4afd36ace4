import { prepareDatabase } from "@/db/bootstrap";
import { DatabaseLockedError } from "@/db/lock";
import { authSecret, ConfigError } from "@/lib/env";

/** Checks the configuration, migrates and (on an empty database) seeds; refuses to start when misconfigured. */
export async function startServer(): Promise<void> {
  try {
    authSecret();
    await prepareDatabase();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
      console.error(`[lineage] Cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
