import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { auditLog, users } from "@/db/schema";

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

/** Row counts of every table an admin action can write: "nothing changed" is all of them equal. */
export async function tableFingerprint(db: Database): Promise<Record<string, string>> {
  const tables = [
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
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ h: string }>(db, sql.raw(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${t} x`));
    out[t] = row!.h;
  }
  return out;
}
