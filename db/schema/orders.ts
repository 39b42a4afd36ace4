import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { commissionPeriods } from "./periods";
import { products } from "./products";

export const orderKinds = ["personal", "retail"] as const;
export type OrderKind = (typeof orderKinds)[number];
// An order is created `pending_payment` and counts (volume, ledger lines, rank)
// only once a payment provider confirms it `paid`. `payment_failed`: the last
// attempt was declined, it may still be paid; `expired`: never paid in time.
export const orderStatuses = ["pending_payment", "payment_failed", "paid", "refunded", "cancelled", "expired"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
/** The statuses of an order still waiting for its payment. */
export const unpaidStatuses = ["pending_payment", "payment_failed"] as const;
export const paymentProviders = ["demo", "stripe"] as const;
export type PaymentProviderId = (typeof paymentProviders)[number];

/** Where an order ships, as the buyer gave it (validated per country, lib/validation/address.ts). */
export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
}

export const orders = pgTable(
  "orders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // The distributor the sale is attributed to: the buyer for a personal order,
    // the referring distributor for a retail customer's order.
    sellerId: integer("seller_id")
      .notNull()
      .references(() => distributors.id),
    // The period of the moment it was paid; null until then.
    periodId: integer("period_id").references(() => commissionPeriods.id),
    kind: text("kind", { enum: orderKinds }).notNull(),
    status: text("status", { enum: orderStatuses }).notNull().default("pending_payment"),
    customerName: text("customer_name"),
    customerEmail: text("customer_email"),
    // The products' prices; shipping is the flat rate of the address's country; total = subtotal + shipping.
    subtotalCents: bigint("subtotal_cents", { mode: "number" }).notNull(),
    shippingCents: bigint("shipping_cents", { mode: "number" }).notNull().default(0),
    totalCents: bigint("total_cents", { mode: "number" }).notNull(),
    pv: integer("pv").notNull(),
    cvCents: bigint("cv_cents", { mode: "number" }).notNull(),
    // Set by the form that submits the order, so a retry or a double click makes one order.
    idempotencyKey: text("idempotency_key"),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>(),
    // The provider that takes (or took) the payment, its checkout session for the
    // current attempt (Stripe's cs_...), and the confirmed payment (pi_..., demo_ch_...).
    paymentProvider: text("payment_provider", { enum: paymentProviders }),
    paymentSession: text("payment_session"),
    paymentReference: text("payment_reference"),
    // Why the last attempt failed, as the provider put it (shown to the buyer and admins).
    paymentError: text("payment_error"),
    refundReference: text("refund_reference"),
    // A guest's receipt link carries a random token; only its SHA-256 is stored.
    receiptTokenHash: text("receipt_token_hash"),
    // Set on guest orders whose referral shop's sales jumped far above its history (lib/orders/flags.ts).
    flagReason: text("flag_reason"),
    // A checksum of the order's commission lines in its period (lib/ledger/storage/digest.ts),
    // written with them, so a full run need not read the lines back; null: unknown.
    ledgerDigest: bigint("ledger_digest", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // An unpaid order can be paid until then; the sweep marks it expired after.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    refundReason: text("refund_reason"),
    // The period open when it was refunded or cancelled: its own while open, else the one its clawbacks went to.
    refundPeriodId: integer("refund_period_id").references(() => commissionPeriods.id),
  },
  (t) => [
    index("orders_seller_period_idx").on(t.sellerId, t.periodId),
    index("orders_period_idx").on(t.periodId),
    index("orders_refund_period_idx")
      .on(t.refundPeriodId)
      .where(sql`${t.refundPeriodId} is not null`),
    uniqueIndex("orders_idempotency_key_idx").on(t.idempotencyKey),
    uniqueIndex("orders_receipt_token_idx").on(t.receiptTokenHash),
    uniqueIndex("orders_payment_session_idx").on(t.paymentProvider, t.paymentSession),
    // A provider's payment pays one order (Stripe's refund events find it by its PaymentIntent).
    uniqueIndex("orders_payment_reference_idx")
      .on(t.paymentProvider, t.paymentReference)
      .where(sql`${t.paymentReference} is not null`),
    index("orders_unpaid_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} in ('pending_payment', 'payment_failed')`),
    index("orders_seller_created_idx").on(t.sellerId, t.createdAt),
    // The admin's orders list, newest first: its first page reads 50 index entries instead of sorting every order.
    index("orders_created_idx").on(t.createdAt, t.id),
    check("orders_kind_check", sql`${t.kind} in ('personal', 'retail')`),
    check("orders_status_check", sql`${t.status} in ('pending_payment', 'payment_failed', 'paid', 'refunded', 'cancelled', 'expired')`),
    // Only a paid order (later refunded or cancelled) belongs to a period.
    check("orders_paid_period_check", sql`(${t.status} in ('paid', 'refunded', 'cancelled')) = (${t.periodId} is not null and ${t.paidAt} is not null)`),
    check("orders_figures_check", sql`${t.totalCents} >= 0 and ${t.pv} >= 0 and ${t.cvCents} >= 0`),
    check("orders_total_check", sql`${t.subtotalCents} >= 0 and ${t.shippingCents} >= 0 and ${t.totalCents} = ${t.subtotalCents} + ${t.shippingCents}`),
  ],
);

// Prices and volumes are copied from the product at the time of the order, so a
// later catalog change never alters an existing order.
export const orderLines = pgTable(
  "order_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    unitPriceCents: bigint("unit_price_cents", { mode: "number" }).notNull(),
    unitPv: integer("unit_pv").notNull(),
    unitCvCents: bigint("unit_cv_cents", { mode: "number" }).notNull(),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId),
    check("order_lines_quantity_check", sql`${t.quantity} between 1 and 99`),
    check("order_lines_figures_check", sql`${t.unitPriceCents} >= 0 and ${t.unitPv} >= 0 and ${t.unitCvCents} >= 0`),
  ],
);
