import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { queryRows } from "@/db/rows";
import { workerLastSeen } from "@/lib/jobs/status";
import { troubledLately } from "./availability";

export interface Readiness {
  ready: boolean;
  checks: {
    database: "ok" | "unreachable";
    migrations: "ok" | "pending" | "unknown";
    worker: "ok" | "stalled" | "not started";
  };
}

/** A worker unseen for this long is stalled (it polls every 2 s; a long job refreshes it after each job). */
const WORKER_STALE_MS = 5 * 60_000;
/** The database must answer within this, or the instance is not ready. */
const DATABASE_TIMEOUT_MS = 2_000;

let expectedMigrations: number | undefined;
function migrationsInJournal(): number {
  if (expectedMigrations === undefined) {
    const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expectedMigrations = journal.entries.length;
  }
  return expectedMigrations;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);
}

/**
 * Whether this instance can serve: its database answers, every migration in
 * the build is applied, and its job worker runs. What a load balancer or an
 * orchestrator asks (/api/ready); the answer names no host, user or error text.
 */
export async function checkReadiness(at: Date): Promise<Readiness> {
  let database: Readiness["checks"]["database"] = "ok";
  let migrations: Readiness["checks"]["migrations"] = "unknown";
  try {
    const db = await withTimeout(getDb(), DATABASE_TIMEOUT_MS);
    const [row] = await withTimeout(
      queryRows<{ applied: number }>(db, sql`select count(*)::int as applied from drizzle.__drizzle_migrations`),
      DATABASE_TIMEOUT_MS,
    );
    migrations = (row?.applied ?? 0) >= migrationsInJournal() ? "ok" : "pending";
  } catch {
    database = "unreachable";
  }
  const seen = workerLastSeen();
  const worker = seen === null ? "not started" : at.getTime() - seen.getTime() > WORKER_STALE_MS ? "stalled" : "ok";
  return { ready: database === "ok" && migrations === "ok" && worker === "ok", checks: { database, migrations, worker } };
}

/**
 * Whether users can be served, for the error pages (/api/status): the database
 * answers, and has not failed for want of itself or of disk space within the
 * last moments (lib/ops/availability.ts). A full disk still answers reads, so
 * the answer alone would not tell.
 */
export async function checkAvailability(at: Date): Promise<{ available: boolean }> {
  if (troubledLately(at)) return { available: false };
  try {
    const db = await withTimeout(getDb(), DATABASE_TIMEOUT_MS);
    await withTimeout(db.execute(sql`select 1`), DATABASE_TIMEOUT_MS);
    return { available: true };
  } catch {
    return { available: false };
  }
}
