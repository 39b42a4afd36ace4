import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { orders, paymentProviders, type ShippingAddress } from "./orders";
import { products } from "./products";

// A card a member saved with a payment provider, charged later without them
// present (autoship). Only the provider's reference and what a person needs to
// recognise the card are kept; never the number.
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    provider: text("provider", { enum: paymentProviders }).notNull(),
    // The provider's id of the saved card (demo_pm_..., Stripe's pm_...), and of the customer it is attached to (Stripe's cus_...).
    reference: text("reference").notNull(),
    customerReference: text("customer_reference"),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expMonth: integer("exp_month").notNull(),
    expYear: integer("exp_year").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    // Replaced by another card: kept so that past runs still say which card they charged.
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("payment_methods_reference_idx").on(t.provider, t.reference),
    index("payment_methods_distributor_idx").on(t.distributorId),
    check("payment_methods_expiry_check", sql`${t.expMonth} between 1 and 12 and ${t.expYear} between 2000 and 2100`),
  ],
);

export const subscriptionStatuses = ["active", "paused", "failed", "cancelled"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

// An autoship: the same order placed every month on a chosen day, through the
// ordinary order path (created unpaid, charged to the saved card, counted when
// paid). `failed`: the last retry of a run was declined; it runs again once the
// owner saves a working card. `next_run_on` is the date of the next run.
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // The member it belongs to: the buyer and seller of its personal orders.
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    dayOfMonth: integer("day_of_month").notNull(),
    status: text("status", { enum: subscriptionStatuses }).notNull().default("active"),
    paymentMethodId: integer("payment_method_id")
      .notNull()
      .references(() => paymentMethods.id),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>().notNull(),
    nextRunOn: date("next_run_on", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // A member has one autoship that is not cancelled.
    uniqueIndex("subscriptions_one_live_idx")
      .on(t.distributorId)
      .where(sql`${t.status} <> 'cancelled'`),
    // The scheduler's scan: active subscriptions by their next date.
    index("subscriptions_due_idx")
      .on(t.nextRunOn)
      .where(sql`${t.status} = 'active'`),
    check("subscriptions_day_check", sql`${t.dayOfMonth} between 1 and 28`),
    check("subscriptions_status_check", sql`${t.status} in ('active', 'paused', 'failed', 'cancelled')`),
  ],
);

export const subscriptionItems = pgTable(
  "subscription_items",
  {
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.productId] }), check("subscription_items_quantity_check", sql`${t.quantity} between 1 and 99`)],
);

export const subscriptionRunStatuses = ["charging", "paid", "retrying", "failed", "skipped"] as const;
export type SubscriptionRunStatus = (typeof subscriptionRunStatuses)[number];

// One row per subscription and cycle (the scheduled date): the unique key is
// what makes a cycle run once, whatever the number of workers or restarts.
// charging: its order exists and is being charged; retrying: declined, tried
// again at next_attempt_at; failed: declined on the last retry (or the order
// could not be made); skipped: the owner skipped it.
export const subscriptionRuns = pgTable(
  "subscription_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id),
    cycle: date("cycle", { mode: "string" }).notNull(),
    status: text("status", { enum: subscriptionRunStatuses }).notNull(),
    orderId: integer("order_id").references(() => orders.id),
    // Charges tried so far, and the total and volume of the order (known once it is made).
    attempts: integer("attempts").notNull().default(0),
    totalCents: bigint("total_cents", { mode: "number" }),
    pv: integer("pv"),
    lastError: text("last_error"),
    // The job whose charge is in flight (status charging): a charge's idempotency key is its job's
    // key, so the same job resumed after a crash charges once, and another job finds the run taken.
    chargeKey: text("charge_key"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("subscription_runs_cycle_idx").on(t.subscriptionId, t.cycle),
    index("subscription_runs_status_idx")
      .on(t.status)
      .where(sql`${t.status} in ('retrying', 'failed')`),
    check("subscription_runs_status_check", sql`${t.status} in ('charging', 'paid', 'retrying', 'failed', 'skipped')`),
  ],
);
