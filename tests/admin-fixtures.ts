import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { auditLog, users } from "@/db/schema";
import { backgroundRollupsSettled } from "@/lib/ledger/rollups";

/** An admin user (admins have no distributor record). */
export async function createAdmin(db: Database, email = "admin@test.example"): Promise<number> {
  const [u] = await db.insert(users).values({ email, name: "Test Admin", role: "admin", passwordHash: "x" }).returning({ id: users.id });
  return u!.id;
}

export async function auditEntries(db: Database, action?: string) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(action ? eq(auditLog.action, action) : undefined)
    .orderBy(auditLog.id);
  return rows;
}

/** The tables an admin action can write. */
export const adminTables = [
  "products",
  "compensation_plans",
  "plan_ranks",
  "commission_periods",
  "distributors",
  "orders",
  "commission_ledger",
  "audit_log",
  "payout_batches",
  "payouts",
];

/** A checksum of every row of each table (of an admin action's tables unless told): "nothing changed" is all of them equal. */
export async function tableFingerprint(db: Database, tables: readonly string[] = adminTables): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ h: string }>(db, sql.raw(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${t} x`));
    out[t] = row!.h;
  }
  return out;
}

/**
 * The same over every table of the database but `except`, once the background
 * team-rollup applies have finished (they write after an order's answer).
 */
export async function databaseFingerprint(db: Database, except: readonly string[] = []): Promise<Record<string, string>> {
  await backgroundRollupsSettled(db);
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return tableFingerprint(
    db,
    tables.map((t) => t.name).filter((name) => !except.includes(name)),
  );
}
