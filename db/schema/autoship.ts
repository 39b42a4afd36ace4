import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { orders, paymentProviders, type ShippingAddress } from "./orders";
import { products } from "./products";

// A card saved with a payment provider, charged later without its owner
// present (autoship). Only the provider's reference and what a person needs to
// recognise the card are kept; never the number. Its owner is a member
// (distributor_id) or a retail customer, who has no account: the guest order
// they saved it from (order_id), whose receipt link is theirs.
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    distributorId: integer("distributor_id").references(() => distributors.id),
    orderId: integer("order_id").references(() => orders.id),
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
    index("payment_methods_order_idx").on(t.orderId),
    check("payment_methods_owner_check", sql`(${t.distributorId} is null) <> (${t.orderId} is null)`),
    check("payment_methods_expiry_check", sql`${t.expMonth} between 1 and 12 and ${t.expYear} between 2000 and 2100`),
  ],
);

export const subscriptionStatuses = ["active", "paused", "failed", "cancelled"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

// An autoship: the same order placed every month on a chosen day, through the
// ordinary order path (created unpaid, charged to the saved card, counted when
// paid). `failed`: the last retry of a run was declined; it runs again once the
// owner saves a working card. `next_run_on` is the date of the next run.
// A member's (distributor_id) makes personal orders; a retail customer's
// (source_order_id: the guest order it was started from, whose name, email
// and seller it keeps) makes retail orders sold by that order's distributor.
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // The member it belongs to: the buyer and seller of its personal orders; null for a customer's.
    distributorId: integer("distributor_id").references(() => distributors.id),
    sourceOrderId: integer("source_order_id").references(() => orders.id),
    // The distributor its orders are attributed to: the member, or the customer's distributor.
    sellerId: integer("seller_id")
      .notNull()
      .references(() => distributors.id),
    // A customer's manage link is signed with this number: raising it makes every earlier link stop working.
    manageVersion: integer("manage_version").notNull().default(1),
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
    // A customer's order starts at most one autoship that is not cancelled.
    uniqueIndex("subscriptions_one_per_order_idx")
      .on(t.sourceOrderId)
      .where(sql`${t.status} <> 'cancelled'`),
    check("subscriptions_owner_check", sql`(${t.distributorId} is null) <> (${t.sourceOrderId} is null)`),
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
