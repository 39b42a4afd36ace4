// The databases of the db suite: a PostgreSQL database created from BENCH_DATABASE_URL
// (an admin URL; default postgres://postgres@127.0.0.1:5432/postgres) and a PGlite
// folder under .data/bench. Each is named after the company's size and seed, so the
// measurements of one run (each in its own process) share one seeded company; the
// last measurement drops it unless --keep is given.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { openPglite, openPostgres, type DatabaseHandle } from "../../db/client";
import { queryRows } from "../../db/rows";
import { isDatabaseEmpty } from "../../db/seed/demo";
import { now } from "../../lib/clock";
import { seedLargeCompany, type LargeSeedResult } from "../../db/seed/large";
import type { BenchOptions } from "./types";

export type Driver = "postgres" | "pglite";

export interface Target {
  driver: Driver;
  distributors: number;
  orders: number;
  seed: number;
  /** The database name (PostgreSQL) or folder (PGlite). */
  name: string;
}

const repoRoot = path.resolve(__dirname, "../..");
const adminUrl = () => process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** PostgreSQL at the requested size; PGlite (one process, WebAssembly) at a tenth of it. */
export function targetFor(driver: Driver, o: BenchOptions): Target {
  const scale = driver === "postgres" ? 1 : 10;
  const distributors = Math.max(1, Math.round(o.distributors / scale));
  const orders = Math.round(o.orders / scale);
  const name =
    driver === "postgres"
      ? `lineage_bench_${distributors}_${orders}_${o.seed}`
      : path.join(repoRoot, ".data", "bench", `pglite-${distributors}-${orders}-${o.seed}`);
  return { driver, distributors, orders, seed: o.seed, name };
}

export const keepDatabases = (): boolean => process.argv.includes("--keep");

export function targetUrl(t: Target): string {
  const url = new URL(adminUrl());
  url.pathname = `/${t.name}`;
  return url.toString();
}

/** Runs `run` on a connection of its own to the admin database (BENCH_DATABASE_URL). */
export async function admin<T>(run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function exists(t: Target): Promise<boolean> {
  if (t.driver === "pglite") return fs.existsSync(t.name);
  return admin(async (c) => (await c.query("select 1 from pg_database where datname = $1", [t.name])).rowCount === 1);
}

/** Removes the target's database or folder (nothing when absent). */
export async function dropTarget(t: Target): Promise<void> {
  if (t.driver === "pglite") {
    fs.rmSync(t.name, { recursive: true, force: true });
    fs.rmSync(`${t.name}.lock`, { force: true });
    return;
  }
  await admin((c) => c.query(`drop database if exists "${t.name}" with (force)`));
}

/** Opens the target (created and migrated when missing); `pool` is the PostgreSQL pool size. */
export async function openTarget(t: Target, pool = 10): Promise<DatabaseHandle> {
  if (t.driver === "pglite") return openPglite(t.name);
  if (!(await exists(t))) await admin((c) => c.query(`create database "${t.name}"`));
  return openPostgres(targetUrl(t), { max: pool });
}

/** Seeds into a fresh database; `ms` times the seed alone (not creating and migrating the database). */
export async function seedFresh(t: Target): Promise<{ handle: DatabaseHandle; seeded: LargeSeedResult; ms: number }> {
  await dropTarget(t);
  const handle = await openTarget(t);
  const log = (line: string) => process.stderr.write(`bench:   seed ${t.driver}: ${line}\n`);
  const started = performance.now();
  const seeded = await seedLargeCompany(handle.db, { distributors: t.distributors, orders: t.orders, seed: t.seed, now: now(), log });
  if (t.driver === "postgres") {
    // Write the load's pages out now: otherwise the checkpoint that flushes its
    // gigabytes runs during the first orders measured and stalls their commits.
    const before = performance.now();
    await admin((c) => c.query("checkpoint"));
    seeded.timings.checkpoint = Math.round(performance.now() - before);
    log(`checkpoint: ${seeded.timings.checkpoint} ms`);
  }
  return { handle, seeded, ms: performance.now() - started };
}

/** Opens the target, seeding it first when an earlier measurement did not (e.g. under --only). */
export async function openSeeded(t: Target, pool = 10): Promise<DatabaseHandle> {
  let handle = await openTarget(t, pool);
  if (await isDatabaseEmpty(handle.db)) {
    await handle.close();
    handle = (await seedFresh(t)).handle;
    if (pool !== 10 && t.driver === "postgres") {
      await handle.close();
      handle = await openTarget(t, pool);
    }
  }
  return handle;
}

/** The open period of the seeded company. */
export async function openPeriodId(handle: DatabaseHandle): Promise<number> {
  const [row] = await queryRows<{ id: number }>(handle.db, sql`select id from commission_periods where status = 'open' order by starts_on limit 1`);
  if (!row) throw new Error("no open period");
  return row.id;
}

/** Database size in MB (PostgreSQL: pg_database_size; PGlite: the folder). */
export async function sizeMb(t: Target, handle: DatabaseHandle | null): Promise<number> {
  if (t.driver === "postgres" && handle) {
    const [row] = await queryRows<{ bytes: string }>(handle.db, sql`select pg_database_size(current_database())::text as bytes`);
    return Math.round(Number(row?.bytes ?? 0) / 2 ** 20);
  }
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else bytes += fs.statSync(p).size;
    }
  };
  if (fs.existsSync(t.name)) walk(t.name);
  return Math.round(bytes / 2 ** 20);
}
