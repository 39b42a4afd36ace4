import { sql } from "drizzle-orm";
import { bigint, check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orders, paymentProviders } from "./orders";

// Each provider event (a webhook delivery) is recorded once: a replayed or
// duplicated event finds its id here and changes nothing.
export const paymentEvents = pgTable(
  "payment_events",
  {
    provider: text("provider", { enum: paymentProviders }).notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    orderId: integer("order_id").references(() => orders.id),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

// The demo provider's own books (lib/payments/demo.ts): what it charged and
// refunded, as a real provider's dashboard would show. No money moves.
export const demoCharges = pgTable(
  "demo_charges",
  {
    id: text("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    refundedCents: bigint("refunded_cents", { mode: "number" }).notNull().default(0),
    cardLast4: text("card_last4").notNull(),
    outcome: text("outcome", { enum: ["succeeded", "declined"] }).notNull(),
    declineCode: text("decline_code"),
    // From the pay form: a resubmitted form is one charge, as with a real provider's idempotency keys.
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("demo_charges_idempotency_key_idx").on(t.idempotencyKey),
    check("demo_charges_outcome_check", sql`${t.outcome} in ('succeeded', 'declined')`),
    check("demo_charges_amounts_check", sql`${t.amountCents} >= 0 and ${t.refundedCents} between 0 and ${t.amountCents}`),
  ],
);

// The flat shipping rate of each country the company ships to (admin-set, may be 0).
// A country without a row is not offered at checkout.
export const shippingRates = pgTable(
  "shipping_rates",
  {
    country: text("country").primaryKey(),
    rateCents: bigint("rate_cents", { mode: "number" }).notNull(),
  },
  (t) => [
    check("shipping_rates_country_check", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("shipping_rates_rate_check", sql`${t.rateCents} between 0 and 100000000`),
  ],
);

// Checkout settings (one row): how long an unpaid order waits, and the caps on
// a guest's order on the public shop.
export const checkoutSettings = pgTable(
  "checkout_settings",
  {
    id: integer("id").primaryKey().default(1),
    pendingOrderMinutes: integer("pending_order_minutes").notNull().default(1440),
    guestMaxTotalCents: bigint("guest_max_total_cents", { mode: "number" }).notNull().default(100000),
    guestMaxUnits: integer("guest_max_units").notNull().default(10),
  },
  (t) => [
    check("checkout_settings_singleton", sql`${t.id} = 1`),
    check(
      "checkout_settings_values_check",
      sql`${t.pendingOrderMinutes} between 30 and 10080 and ${t.guestMaxTotalCents} between 0 and 100000000 and ${t.guestMaxUnits} between 1 and 990`,
    ),
  ],
);
