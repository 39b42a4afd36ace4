import { sql } from "drizzle-orm";
import { boolean, check, date, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { compensationPlans } from "./plans";

export const periodStatuses = ["open", "closed"] as const;
export type PeriodStatus = (typeof periodStatuses)[number];

// A calendar month (UTC): [startsOn, endsOn).
export const commissionPeriods = pgTable(
  "commission_periods",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    status: text("status", { enum: periodStatuses }).notNull().default("open"),
    planId: integer("plan_id")
      .notNull()
      .references(() => compensationPlans.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    // Set when an order changed more commission lines than one transaction should
    // rewrite; a background full run clears it. The portal shows "updating" meanwhile.
    needsRecompute: boolean("needs_recompute").notNull().default(false),
    recomputedAt: timestamp("recomputed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("commission_periods_starts_on_idx").on(t.startsOn),
    check("commission_periods_status_check", sql`${t.status} in ('open', 'closed')`),
    check("commission_periods_range_check", sql`${t.endsOn} > ${t.startsOn}`),
  ],
);
