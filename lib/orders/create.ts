import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import { formatMoney } from "@/lib/format";
import { OrderError } from "./errors";
import type { CreatedOrder, NewOrderInput } from "./job";

interface CreateAttempt {
  existing: { id: number; sellerId: number; totalCents: number } | null;
  sellerStatus: string | null;
  /** How many of the cart's products are in the active catalog. */
  available: number;
  /** The flat shipping rate of the address's country; null: not shipped there. */
  rateCents: number | null;
  subtotalCents: number | null;
  currency: string;
  created: { id: number; totalCents: number } | null;
}

/**
 * Records a new order, unpaid: priced from the catalog (never the client),
 * with its lines, shipping address and shipping rate, waiting for its payment
 * until the checkout settings' window ends. It counts nowhere until its payment
 * is confirmed (confirmPayment). One statement; no ledger lock. The idempotency
 * key makes a retry, a double click or a replay return the first order instead
 * of ordering twice.
 */
export async function createOrder(db: Database, input: NewOrderInput): Promise<CreatedOrder> {
  const cart = new Map<number, number>();
  for (const item of input.items) cart.set(item.productId, (cart.get(item.productId) ?? 0) + item.quantity);
  if (cart.size === 0) throw new OrderError("Your cart is empty.");
  if (![...cart.values()].every((q) => Number.isInteger(q) && q >= 1 && q <= 99)) throw new OrderError("Quantities must be between 1 and 99.");
  const units = [...cart.values()].reduce((a, b) => a + b, 0);
  if (input.limits && units > input.limits.maxUnits) {
    throw new OrderError(`A guest order holds at most ${input.limits.maxUnits} items. Lower the quantities, or ask your distributor about larger orders.`);
  }
  const maxTotal = input.limits?.maxTotalCents ?? null;
  const [attempt] = await queryRows<{ attempt: CreateAttempt }>(
    db,
    sql`with existing as (select id, seller_id, total_cents from orders where idempotency_key = ${input.idempotencyKey}),
      seller as (select status from distributors where id = ${input.sellerId}),
      catalog as (
        select p.id, p.price_cents, p.pv, p.cv_cents, c.quantity
        from products p join unnest(${pgArray([...cart.keys()])}::int[], ${pgArray([...cart.values()])}::int[]) as c(product_id, quantity)
          on c.product_id = p.id
        where p.active
      ),
      rate as (select rate_cents from shipping_rates where country = ${input.shippingAddress.country}),
      totals as (select sum(price_cents * quantity) as subtotal, sum(pv * quantity) as pv, sum(cv_cents * quantity) as cv, count(*) as n from catalog),
      o as (
        insert into orders (seller_id, kind, status, customer_name, customer_email, subtotal_cents, shipping_cents, total_cents, pv, cv_cents,
                            idempotency_key, created_at, expires_at, shipping_address, payment_provider, receipt_token_hash, ledger_digest)
        select ${input.sellerId}, ${input.kind}, 'pending_payment', ${input.customer?.name ?? null}, ${input.customer?.email ?? null},
               t.subtotal, r.rate_cents, t.subtotal + r.rate_cents, t.pv, t.cv, ${input.idempotencyKey}, ${input.at.toISOString()}::timestamptz,
               ${input.at.toISOString()}::timestamptz + make_interval(mins => (select pending_order_minutes from checkout_settings where id = 1)),
               ${JSON.stringify(input.shippingAddress)}::jsonb, ${input.provider}, ${input.receiptTokenHash ?? null},
               0 -- no lines: an unpaid order has none
        from totals t, rate r
        where t.n = ${cart.size} and not exists (select 1 from existing) and (select status from seller) <> 'terminated'
          and (${maxTotal}::bigint is null or t.subtotal + r.rate_cents <= ${maxTotal}::bigint)
        on conflict do nothing -- the idempotency key (a concurrent submit), or a replayed receipt token
        returning id, total_cents
      ),
      l as (
        insert into order_lines (order_id, product_id, quantity, unit_price_cents, unit_pv, unit_cv_cents)
        select o.id, c.id, c.quantity, c.price_cents, c.pv, c.cv_cents from o, catalog c
      )
      select json_build_object(
        'existing', (select json_build_object('id', id, 'sellerId', seller_id, 'totalCents', total_cents) from existing),
        'sellerStatus', (select status from seller),
        'available', (select n from totals),
        'rateCents', (select rate_cents from rate),
        'subtotalCents', (select subtotal from totals),
        'currency', (select currency from company where id = 1),
        'created', (select json_build_object('id', id, 'totalCents', total_cents) from o)) as attempt`,
  );
  const a = attempt!.attempt;
  if (a.existing) {
    if (a.existing.sellerId !== input.sellerId) throw new OrderError("This order form has expired. Reload the page and try again.");
    return { orderId: a.existing.id, created: false, totalCents: a.existing.totalCents };
  }
  if (a.sellerStatus === null) throw new OrderError("This distributor does not exist.");
  if (a.sellerStatus === "terminated") throw new OrderError("This distributor account is closed: it cannot take orders.");
  if (a.available !== cart.size) throw new OrderError("A product in your cart is no longer available. Review your cart and try again.");
  if (a.rateCents === null) throw new OrderError("We do not ship to this country yet. Choose another shipping country.");
  if (maxTotal !== null && (a.subtotalCents ?? 0) + a.rateCents > maxTotal) {
    throw new OrderError(
      `A guest order may total at most ${formatMoney(maxTotal, a.currency)}. Lower the quantities, or ask your distributor about larger orders.`,
    );
  }
  if (a.created) return { orderId: a.created.id, created: true, totalCents: a.created.totalCents };
  // The key's order was committed by a concurrent submit meanwhile (or the form's receipt token was another order's).
  const [made] = await queryRows<{ id: number; seller_id: number; total_cents: number }>(
    db,
    sql`select id, seller_id, total_cents::float8 as total_cents from orders where idempotency_key = ${input.idempotencyKey}`,
  );
  if (!made) throw new OrderError("This order form has expired. Reload the page and try again.");
  if (made.seller_id !== input.sellerId) throw new OrderError("This order form has expired. Reload the page and try again.");
  return { orderId: made.id, created: false, totalCents: made.total_cents };
}
