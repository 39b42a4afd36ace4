import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { ShippingAddress } from "@/db/schema";
import { authSecret } from "@/lib/env";
import type { Executor } from "@/lib/ledger/db";
import { hashReceiptToken, receiptTokenPattern } from "@/lib/orders/receipts";
import { dateOf, nextRunDate } from "./cycle";
import { AutoshipError } from "./manage";
import { verifyManageToken } from "./manage-token";
import { sendManageLink } from "./notices";

// A retail customer's autoship. A guest who bought through a referral shop
// has no account: from their paid order's receipt page (their receipt link is
// their key) they can have the same order every month. It is started from
// that order (its items, address, name and email, and its distributor, who
// sells every run) on a card they save for it, and managed through a signed
// link we email them (lib/autoship/manage-token.ts), never a password.

/** The guest order an autoship can be started from: a paid retail order whose distributor still sells. */
export interface CustomerOrigin {
  orderId: number;
  /** The autoship already started from it (not cancelled), if any. */
  subscriptionId: number | null;
  startable: boolean;
}

/** What the receipt page offers for this order; null for an order that cannot start one. */
export async function customerOrigin(db: Executor, orderId: number): Promise<CustomerOrigin | null> {
  const [row] = await queryRows<{ kind: string; status: string; seller_status: string; email: string | null; subscription_id: number | null }>(
    db,
    sql`select o.kind, o.status, d.status as seller_status, o.customer_email as email,
               (select s.id from subscriptions s where s.source_order_id = o.id and s.status <> 'cancelled') as subscription_id
        from orders o join distributors d on d.id = o.seller_id
        where o.id = ${orderId}`,
  );
  if (!row || row.kind !== "retail" || !row.email) return null;
  return { orderId, subscriptionId: row.subscription_id, startable: row.status === "paid" && row.seller_status !== "terminated" };
}

/**
 * Starts a retail customer's autoship from their paid guest order: its items
 * (those still sold), its address, its distributor; charged to `methodId`, a
 * card saved from this order; first run on `dayOfMonth` after today. Emails
 * the customer the link that manages it. One autoship per order at a time.
 */
export async function createCustomerSubscription(
  db: Database,
  input: { orderId: number; dayOfMonth: number; methodId: number; at: Date },
): Promise<{ subscriptionId: number; nextRunOn: string; version: number }> {
  if (!Number.isInteger(input.dayOfMonth) || input.dayOfMonth < 1 || input.dayOfMonth > 28) throw new AutoshipError("Choose a day of the month from 1 to 28.");
  const iso = input.at.toISOString();
  const nextRunOn = nextRunDate(input.dayOfMonth, dateOf(input.at));
  return db.transaction(async (tx) => {
    const [order] = await queryRows<{ kind: string; status: string; seller_id: number; seller_status: string; address: ShippingAddress | null }>(
      tx,
      sql`select o.kind, o.status, o.seller_id, d.status as seller_status, o.shipping_address as address
          from orders o join distributors d on d.id = o.seller_id where o.id = ${input.orderId} for update of o`,
    );
    if (!order || order.kind !== "retail" || !order.address) throw new AutoshipError("Autoship starts from a paid order.");
    if (order.status !== "paid") throw new AutoshipError("Autoship starts once this order is paid.");
    if (order.seller_status === "terminated") throw new AutoshipError("This shop no longer takes orders: autoship cannot start.");
    const [method] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from payment_methods where id = ${input.methodId} and order_id = ${input.orderId} and removed_at is null`,
    );
    if (method!.n === 0) throw new AutoshipError("This card is not saved for your autoship. Save it again.");
    const [made] = await queryRows<{ id: number; manage_version: number; items: number }>(
      tx,
      sql`with s as (
            insert into subscriptions (distributor_id, source_order_id, seller_id, day_of_month, status, payment_method_id, shipping_address, next_run_on,
                                       created_at, updated_at)
            values (null, ${input.orderId}, ${order.seller_id}, ${input.dayOfMonth}, 'active', ${input.methodId}, ${JSON.stringify(order.address)}::jsonb,
                    ${nextRunOn}::date, ${iso}::timestamptz, ${iso}::timestamptz)
            on conflict do nothing
            returning id, manage_version),
          i as (
            insert into subscription_items (subscription_id, product_id, quantity)
            select s.id, l.product_id, sum(l.quantity)::int from s, order_lines l join products p on p.id = l.product_id
            where l.order_id = ${input.orderId} and p.active
            group by s.id, l.product_id
            returning 1)
          select id, manage_version, (select count(*)::int from i) as items from s`,
    );
    if (!made) throw new AutoshipError("This order already has an autoship: use the link we emailed you, or ask for a new one below.");
    if (made.items === 0) throw new AutoshipError("None of this order's products is sold any more: autoship cannot start.");
    await sendManageLink(tx, { subscriptionId: made.id, version: made.manage_version, event: "started", nextRunOn, at: input.at });
    return { subscriptionId: made.id, nextRunOn, version: made.manage_version };
  });
}

/** The customer autoship a manage link opens (any status, so a cancelled one still shows its history); null for a link that is not valid (any more). */
export async function subscriptionOfManageToken(db: Executor, token: string): Promise<{ subscriptionId: number; sourceOrderId: number } | null> {
  const named = verifyManageToken(authSecret(), token);
  if (!named) return null;
  const [row] = await queryRows<{ source_order_id: number }>(
    db,
    sql`select source_order_id from subscriptions
        where id = ${named.subscriptionId} and manage_version = ${named.version} and source_order_id is not null`,
  );
  return row ? { subscriptionId: named.subscriptionId, sourceOrderId: row.source_order_id } : null;
}

/**
 * Emails the customer a new manage link and makes every earlier one stop
 * working (a link forwarded or left on a shared computer). The receipt link of
 * the order it started from can ask for it too: a lost link is found again there.
 */
export async function sendNewManageLink(db: Database, input: { subscriptionId: number; sourceOrderId: number; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ manage_version: number; next_run_on: string }>(
      tx,
      sql`update subscriptions set manage_version = manage_version + 1, updated_at = ${input.at.toISOString()}::timestamptz
          where id = ${input.subscriptionId} and source_order_id = ${input.sourceOrderId}
          returning manage_version, next_run_on::text as next_run_on`,
    );
    if (!row) throw new AutoshipError("This autoship does not exist.");
    await sendManageLink(tx, {
      subscriptionId: input.subscriptionId,
      version: row.manage_version,
      event: "new-link",
      nextRunOn: row.next_run_on,
      at: input.at,
    });
  });
}

/** The guest order a receipt link opens, or null for a malformed or unknown link. */
export async function orderOfReceiptToken(db: Executor, token: string): Promise<number | null> {
  if (typeof token !== "string" || !receiptTokenPattern.test(token)) return null;
  const [row] = await queryRows<{ id: number }>(db, sql`select id from orders where receipt_token_hash = ${hashReceiptToken(token)}`);
  return row?.id ?? null;
}
