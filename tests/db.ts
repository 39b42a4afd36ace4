import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";
import { backgroundRollupsSettled } from "@/lib/ledger/rollups";
import { withAdminClient } from "./db-admin";

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the database. */
  destroy(): Promise<void>;
  /** The connection string, on PostgreSQL (for tests that start another process on it). */
  url?: string;
}

/**
 * A fresh, migrated database for one test file: a copy of the run's template,
 * on PostgreSQL when TEST_DATABASE_URL is set, else an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `lineage_vt_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    await withAdminClient(url, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("pgTemplate")}"`));
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openPostgres(target.toString(), { migrate: false });
    return {
      ...handle,
      url: target.toString(),
      destroy: async () => {
        await backgroundRollupsSettled(handle.db);
        await handle.close();
        await withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  const template = fs.readFileSync(inject("pgliteTemplate"));
  const handle = await openPglite(undefined, { migrate: false, loadDataDir: new Blob([template]) });
  return {
    ...handle,
    destroy: async () => {
      await backgroundRollupsSettled(handle.db);
      await handle.close();
    },
  };
}
