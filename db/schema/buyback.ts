import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { orders } from "./orders";
import { users } from "./users";

export const buybackStatuses = ["pending", "approved", "rejected"] as const;

// A leaving distributor's request to return whole personal orders for a refund
// of at least 90% of their products' price (lib/buyback, docs/compliance.md).
export const buybackRequests = pgTable(
  "buyback_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    status: text("status", { enum: buybackStatuses }).notNull().default("pending"),
    // The share of each order's subtotal refunded, fixed when the request is made.
    rateBps: integer("rate_bps").notNull(),
    // The distributor themself, or the admin who asked on their behalf.
    requestedByUserId: integer("requested_by_user_id")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
  },
  (t) => [
    index("buyback_requests_status_idx").on(t.status, t.requestedAt),
    index("buyback_requests_distributor_idx").on(t.distributorId),
    check("buyback_requests_status_check", sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check("buyback_requests_rate_check", sql`${t.rateBps} between 9000 and 10000`),
    check("buyback_requests_decision_check", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
  ],
);

// The orders a request returns, each with its refund (floor(rate × subtotal)).
// An order is in at most one live request: a rejected request's rows are kept
// with `released` set, so the order can be asked for again.
export const buybackOrders = pgTable(
  "buyback_orders",
  {
    requestId: integer("request_id")
      .notNull()
      .references(() => buybackRequests.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    refundCents: bigint("refund_cents", { mode: "number" }).notNull(),
    // Set when the order's money went back and its commissions were reversed.
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("buyback_orders_request_order_idx").on(t.requestId, t.orderId),
    uniqueIndex("buyback_orders_live_order_idx")
      .on(t.orderId)
      .where(sql`${t.releasedAt} is null`),
    check("buyback_orders_refund_check", sql`${t.refundCents} >= 0`),
  ],
);
