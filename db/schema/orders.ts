import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { commissionPeriods } from "./periods";
import { products } from "./products";

export const orderKinds = ["personal", "retail"] as const;
export type OrderKind = (typeof orderKinds)[number];
export const orderStatuses = ["paid", "refunded", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orders = pgTable(
  "orders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // The distributor the sale is attributed to: the buyer for a personal order,
    // the referring distributor for a retail customer's order.
    sellerId: integer("seller_id")
      .notNull()
      .references(() => distributors.id),
    periodId: integer("period_id")
      .notNull()
      .references(() => commissionPeriods.id),
    kind: text("kind", { enum: orderKinds }).notNull(),
    status: text("status", { enum: orderStatuses }).notNull().default("paid"),
    customerName: text("customer_name"),
    customerEmail: text("customer_email"),
    totalCents: bigint("total_cents", { mode: "number" }).notNull(),
    pv: integer("pv").notNull(),
    cvCents: bigint("cv_cents", { mode: "number" }).notNull(),
    // Set by the form that submits the order, so a retry or a double click makes one order.
    idempotencyKey: text("idempotency_key"),
    // The payment seam: no provider yet, so orders are recorded as paid at once.
    paymentReference: text("payment_reference"),
    // A checksum of the order's commission lines in its period (lib/ledger/storage/digest.ts),
    // written with them, so a full run need not read the lines back; null: unknown.
    ledgerDigest: bigint("ledger_digest", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    refundReason: text("refund_reason"),
  },
  (t) => [
    index("orders_seller_period_idx").on(t.sellerId, t.periodId),
    index("orders_period_idx").on(t.periodId),
    uniqueIndex("orders_idempotency_key_idx").on(t.idempotencyKey),
    check("orders_kind_check", sql`${t.kind} in ('personal', 'retail')`),
    check("orders_status_check", sql`${t.status} in ('paid', 'refunded', 'cancelled')`),
    check("orders_figures_check", sql`${t.totalCents} >= 0 and ${t.pv} >= 0 and ${t.cvCents} >= 0`),
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
