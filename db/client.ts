import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { Pool } from "pg";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { STARTUP_LOCK } from "./advisory-locks";
import { acquireDirLock } from "./lock";
import { yieldBeforeEachStatement } from "./pglite-fairness";

export type Schema = typeof schema;
/** Both drivers' drizzle instances are assignable to this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
  /**
   * Runs `fn` while no other process of this deployment runs its own: for the
   * start's migrations and demo seed, which several instances (or several
   * workers of one, WEB_CONCURRENCY) may attempt at once. PGlite serves one
   * process, so there it just runs.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Opens PostgreSQL through a connection pool and applies pending migrations. */
export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<DatabaseHandle> {
  const pool = new Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle connection the server drops (restart, admin termination) must not
  // crash the process: the pool replaces it on the next checkout.
  pool.on("error", (error) => console.warn(`[lineage] PostgreSQL connection lost: ${error.message}`));
  const db = drizzlePg(pool, { schema });
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    // A session lock on a connection of its own, held while `fn` works through the pool's others.
    const holder = await pool.connect();
    try {
      await holder.query("select pg_advisory_lock($1)", [STARTUP_LOCK]);
      try {
        return await fn();
      } finally {
        await holder.query("select pg_advisory_unlock($1)", [STARTUP_LOCK]);
      }
    } finally {
      holder.release();
    }
  };
  try {
    // Two instances starting at once would both apply the same migration: one waits, then finds nothing to do.
    if (opts.migrate !== false) await exclusive(() => migratePg(db, { migrationsFolder }));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db, driver: "postgres", close: () => pool.end(), exclusive };
}

/**
 * Opens the embedded PGlite database in `dir` (or in memory when `dir` is
 * undefined) and applies pending migrations. PGlite serves one process only,
 * so a folder is locked for as long as it is open.
 */
export async function openPglite(dir: string | undefined, opts: { migrate?: boolean; loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  let release = () => {};
  if (dir) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    release = await acquireDirLock(dir);
  }
  try {
    const client = yieldBeforeEachStatement(await PGlite.create({ dataDir: dir, loadDataDir: opts.loadDataDir }));
    const db = drizzlePglite(client, { schema });
    if (opts.migrate !== false) await migratePglite(db, { migrationsFolder });
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        release();
      },
      exclusive: (fn) => fn(),
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** The database this process is configured for: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function openConfigured(): Promise<DatabaseHandle> {
  return env.databaseUrl ? openPostgres(env.databaseUrl) : openPglite(env.pgliteDir);
}

// One handle per process, kept on globalThis so dev-server reloads reuse it.
const globalForDb = globalThis as unknown as { lineageDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.lineageDb ??= openConfigured().catch((error: unknown) => {
    globalForDb.lineageDb = undefined;
    throw error;
  });
  return globalForDb.lineageDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}
