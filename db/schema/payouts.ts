import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { commissionPeriods } from "./periods";
import { users } from "./users";

// One payout batch per closed period, marked paid at once.
export const payoutBatches = pgTable(
  "payout_batches",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer("period_id")
      .notNull()
      .references(() => commissionPeriods.id),
    status: text("status", { enum: ["pending", "paid"] })
      .notNull()
      .default("pending"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paidByUserId: integer("paid_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("payout_batches_period_idx").on(t.periodId), check("payout_batches_status_check", sql`${t.status} in ('pending', 'paid')`)],
);

// What each distributor is paid for a period: the period's net earnings plus
// any negative balance carried from earlier periods; a negative result is
// carried forward, never paid.
export const payouts = pgTable(
  "payouts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    batchId: integer("batch_id")
      .notNull()
      .references(() => payoutBatches.id),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    earnedCents: bigint("earned_cents", { mode: "number" }).notNull(),
    carriedInCents: bigint("carried_in_cents", { mode: "number" }).notNull().default(0),
    payableCents: bigint("payable_cents", { mode: "number" }).notNull(),
    carriedOutCents: bigint("carried_out_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    uniqueIndex("payouts_batch_distributor_idx").on(t.batchId, t.distributorId),
    index("payouts_distributor_idx").on(t.distributorId),
    check("payouts_payable_check", sql`${t.payableCents} >= 0 and ${t.carriedOutCents} <= 0`),
  ],
);
