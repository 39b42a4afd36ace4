import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";

/** What a subscription's next order would be at today's catalog prices: what its owner is told before it runs. */
export interface AutoshipQuote {
  lines: { productId: number; name: string; quantity: number; unitPriceCents: number; pv: number; active: boolean }[];
  subtotalCents: number;
  /** The flat rate of the address's country; null: the company no longer ships there. */
  shippingCents: number | null;
  totalCents: number;
  pv: number;
  currency: string;
}

/** Quotes subscriptions' next orders, by subscription id. Lines of withdrawn products are listed (active false) but not counted. */
export async function quoteSubscriptions(db: Executor, subscriptionIds: readonly number[]): Promise<Map<number, AutoshipQuote>> {
  const quotes = new Map<number, AutoshipQuote>();
  if (subscriptionIds.length === 0) return quotes;
  const rows = await queryRows<{
    subscription_id: number;
    product_id: number;
    name: string;
    quantity: number;
    price_cents: number;
    pv: number;
    active: boolean;
    rate_cents: number | null;
    currency: string;
  }>(
    db,
    sql`select i.subscription_id, i.product_id, p.name, i.quantity, p.price_cents::float8 as price_cents, p.pv, p.active,
               r.rate_cents::float8 as rate_cents, c.currency
        from subscription_items i
        join subscriptions s on s.id = i.subscription_id
        join products p on p.id = i.product_id
        left join shipping_rates r on r.country = s.shipping_address->>'country'
        cross join company c
        where c.id = 1 and i.subscription_id in (${sql.join(
          subscriptionIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by i.subscription_id, p.name, p.id`,
  );
  for (const r of rows) {
    let q = quotes.get(r.subscription_id);
    if (!q) {
      q = { lines: [], subtotalCents: 0, shippingCents: r.rate_cents, totalCents: 0, pv: 0, currency: r.currency };
      quotes.set(r.subscription_id, q);
    }
    q.lines.push({ productId: r.product_id, name: r.name, quantity: r.quantity, unitPriceCents: r.price_cents, pv: r.pv, active: r.active });
    if (r.active) {
      q.subtotalCents += r.price_cents * r.quantity;
      q.pv += r.pv * r.quantity;
    }
  }
  for (const q of quotes.values()) q.totalCents = q.subtotalCents + (q.shippingCents ?? 0);
  return quotes;
}
