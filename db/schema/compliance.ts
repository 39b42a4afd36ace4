import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { IncomeStatement } from "@/lib/compliance/income-statement";
import { users } from "./users";

// A published income disclosure statement: the figures frozen as they were
// computed, never recomputed, so later periods and refunds cannot change it.
export const incomeStatements = pgTable(
  "income_statements",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // The range of closed periods it covers: [rangeStartsOn, rangeEndsOn).
    rangeStartsOn: date("range_starts_on", { mode: "string" }).notNull(),
    rangeEndsOn: date("range_ends_on", { mode: "string" }).notNull(),
    // The statement's figures and methodology (lib/compliance/income-statement.ts, IncomeStatement).
    snapshot: jsonb("snapshot").$type<IncomeStatement>().notNull(),
    // SHA-256 (hex) of the per-distributor inputs in their canonical form, so a third party can check a recomputation.
    inputsSha256: text("inputs_sha256").notNull(),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull(),
    publishedBy: integer("published_by").references(() => users.id),
  },
  (t) => [
    index("income_statements_generated_idx").on(t.generatedAt),
    check("income_statements_range_check", sql`${t.rangeEndsOn} > ${t.rangeStartsOn}`),
    check("income_statements_sha256_check", sql`${t.inputsSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);
