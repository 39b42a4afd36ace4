import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// A compensation plan version (the spec's plan). Versions are never edited:
// a change is a new version, and each period records the version it ran with.
export const compensationPlans = pgTable(
  "compensation_plans",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    version: integer("version").notNull(),
    activeMinPv: integer("active_min_pv").notNull(),
    personalBps: integer("personal_bps").notNull(),
    levelsBps: integer("levels_bps").array().notNull(),
    compression: boolean("compression").notNull(),
    // The retail rule (docs/commissions.md): share of PV that must be retail for level pay; 0 = off.
    retailMinBps: integer("retail_min_bps").notNull().default(0),
    // Its customer form: distinct retail customers needed for level pay; 0 = off.
    retailMinCustomers: integer("retail_min_customers").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("compensation_plans_version_idx").on(t.version),
    check("compensation_plans_active_min_pv_check", sql`${t.activeMinPv} >= 0`),
    check("compensation_plans_personal_bps_check", sql`${t.personalBps} between 0 and 10000`),
    check("compensation_plans_retail_min_bps_check", sql`${t.retailMinBps} between 0 and 10000`),
    check("compensation_plans_retail_min_customers_check", sql`${t.retailMinCustomers} between 0 and 100`),
  ],
);

// Ranks of a plan version, lowest first (position 0).
export const planRanks = pgTable(
  "plan_ranks",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => compensationPlans.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    minPv: integer("min_pv").notNull(),
    minGv: integer("min_gv").notNull(),
    paidLevels: integer("paid_levels").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.position] }),
    check("plan_ranks_figures_check", sql`${t.minPv} >= 0 and ${t.minGv} >= 0 and ${t.paidLevels} >= 0`),
  ],
);
