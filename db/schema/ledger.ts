import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { orders } from "./orders";
import { commissionPeriods } from "./periods";

export const ledgerKinds = ["commission", "clawback"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

// One commission line: what one beneficiary earns from one order at one level.
export const commissionLedger = pgTable(
  "commission_ledger",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer("period_id")
      .notNull()
      .references(() => commissionPeriods.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    beneficiaryId: integer("beneficiary_id")
      .notNull()
      .references(() => distributors.id),
    level: integer("level").notNull(),
    // The order's seller, and how many sponsor steps below the beneficiary they are.
    sellerId: integer("seller_id")
      .notNull()
      .references(() => distributors.id),
    generation: integer("generation").notNull(),
    kind: text("kind", { enum: ledgerKinds }).notNull().default("commission"),
    rateBps: integer("rate_bps").notNull(),
    // Negative only for clawbacks of orders refunded after their period closed.
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    // Why this amount, beyond the columns: the uplines compression skipped on
    // the way to this beneficiary, seller side first, as distributor ids joined
    // by commas, "t" after a terminated one ("17,342t,9"); null when none were.
    // Compact text, not JSON: a full run compares it for ~13M lines.
    skipped: text("skipped"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A recompute can never pay the same line twice.
    uniqueIndex("commission_ledger_line_idx").on(t.orderId, t.beneficiaryId, t.level, t.kind),
    // Level and amount too, so a beneficiary's sums (dashboard, charts) are index-only
    // scans: a 100k-member leader has ~240,000 lines a month.
    index("commission_ledger_beneficiary_period_idx").on(t.beneficiaryId, t.periodId, t.level, t.amountCents),
    index("commission_ledger_period_idx").on(t.periodId),
    check("commission_ledger_kind_check", sql`${t.kind} in ('commission', 'clawback')`),
    check("commission_ledger_sign_check", sql`(${t.kind} = 'commission' and ${t.amountCents} > 0) or (${t.kind} = 'clawback' and ${t.amountCents} < 0)`),
    check("commission_ledger_level_check", sql`${t.level} >= 0`),
  ],
);

// Per distributor and period: the volumes, activity and rank the engine computed.
// Kept up to date by every order in the open period; frozen when the period closes.
export const distributorPeriodStats = pgTable(
  "distributor_period_stats",
  {
    periodId: integer("period_id")
      .notNull()
      .references(() => commissionPeriods.id),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    pv: bigint("pv", { mode: "number" }).notNull().default(0),
    gv: bigint("gv", { mode: "number" }).notNull().default(0),
    // PV of the distributor's paid retail orders (the retail rule's and report's input).
    retailPv: bigint("retail_pv", { mode: "number" }).notNull().default(0),
    // Distinct retail customers (lower(customer_email)) of the distributor's paid retail orders (the customer rule's input).
    retailCustomers: integer("retail_customers").notNull().default(0),
    active: boolean("active").notNull().default(false),
    // Position in the plan's rank list, null for none.
    rankPosition: integer("rank_position"),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.distributorId] }), index("distributor_period_stats_distributor_idx").on(t.distributorId)],
);

// Per distributor and closed period: what the income disclosure statement reads
// (lib/compliance/statement-inputs.ts), written by closePeriod in the close's
// transaction (lib/ledger/period-earnings.ts) and frozen with the period, so a
// year's statement sums twelve rows a person instead of every ledger line.
// A row for everyone with a stats row, a ledger line or an own order paid or refunded in the period.
export const periodEarnings = pgTable(
  "period_earnings",
  {
    periodId: integer("period_id")
      .notNull()
      .references(() => commissionPeriods.id),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    // Sums of the period's ledger lines with them as beneficiary: commission lines, and clawback lines (zero or below).
    commissionCents: bigint("commission_cents", { mode: "number" }).notNull(),
    clawbackCents: bigint("clawback_cents", { mode: "number" }).notNull(),
    // total_cents of their personal orders paid in the period, and of those refunded or cancelled while it was open (orders.refund_period_id).
    purchasesCents: bigint("purchases_cents", { mode: "number" }).notNull(),
    refundsCents: bigint("refunds_cents", { mode: "number" }).notNull(),
    // Copied from distributor_period_stats; both null when they have no stats row (zero volume).
    rankPosition: integer("rank_position"),
    active: boolean("active"),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.distributorId] }),
    check("period_earnings_sign_check", sql`${t.commissionCents} >= 0 and ${t.clawbackCents} <= 0 and ${t.purchasesCents} >= 0 and ${t.refundsCents} >= 0`),
  ],
);
