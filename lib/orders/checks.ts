import { eq, sql, type SQL } from "drizzle-orm";
import { pgArray } from "@/db/rows";
import { orders } from "@/db/schema";
import type { Tx } from "@/lib/ledger/db";
import { openPeriodFor } from "@/lib/ledger/periods";
import { queryPrepared } from "@/lib/ledger/storage";
import { monthOf } from "@/lib/periods";
import { OrderError } from "./errors";
import type { Outcome, OrderJob, PlaceOrderInput, PlacedOrder } from "./job";

// An order's checks and, when they all pass, its writes (the order and its
// lines): one statement for a whole batch, outside the ledger lock.

/** The order an idempotency key already made, if any. */
async function orderForKey(tx: Tx, input: PlaceOrderInput): Promise<PlacedOrder | null> {
  const [existing] = await tx
    .select({ id: orders.id, sellerId: orders.sellerId, periodId: orders.periodId })
    .from(orders)
    .where(eq(orders.idempotencyKey, input.idempotencyKey));
  return existing ? madeByKey(input, existing) : null;
}

function madeByKey(input: PlaceOrderInput, existing: { id: number; sellerId: number; periodId: number }): PlacedOrder {
  if (existing.sellerId !== input.sellerId) throw new OrderError("This order form has expired. Reload the page and try again.");
  return { orderId: existing.id, created: false, deferred: false, periodId: existing.periodId };
}

interface OrderAttempt {
  existing: { id: number; sellerId: number; periodId: number } | null;
  seller_status: string | null;
  /** How many of the cart's products are in the active catalog. */
  available: number;
  /** The period of the order's month (or the one asked for), when it exists. */
  period: { id: number; status: string; planId: number } | null;
  /** The order, written only when every check passed. */
  placed: { id: number; pv: number; cvCents: number } | null;
}

/**
 * One round trip: everything each order checks and, for each order whose
 * checks all pass, the order and its lines, priced from the catalog. Each
 * order is a block of CTEs in one statement (a batch checks its orders
 * together); its period is its month's (`periodId` undefined) or the one given.
 * The blocks share one snapshot: of two with one key, one inserts nothing (the
 * key's unique index) and finds neither an existing order nor its own. Each
 * batch size is a statement text of its own, prepared once per connection.
 */
async function attemptOrders(tx: Tx, attempts: { input: PlaceOrderInput; cart: Map<number, number>; at: Date; periodId?: number }[]): Promise<OrderAttempt[]> {
  const blocks = attempts.map(({ input, cart, at, periodId }, k) => {
    const name = (cte: string) => sql.raw(`a${k}_${cte}`);
    const [existing, seller, catalog, period, o, l] = ["existing", "seller", "catalog", "period", "o", "l"].map(name) as [SQL, SQL, SQL, SQL, SQL, SQL];
    const month = monthOf(at).startsOn;
    const periodSql =
      periodId === undefined
        ? sql`select id, status, plan_id from commission_periods where starts_on <= ${month}::date and ends_on > ${month}::date limit 1`
        : sql`select id, status, plan_id from commission_periods where id = ${periodId}`;
    const ctes = sql`${existing} as (select id, seller_id, period_id from orders where idempotency_key = ${input.idempotencyKey}),
      ${seller} as (select status from distributors where id = ${input.sellerId}),
      ${catalog} as (
        select p.id, p.price_cents, p.pv, p.cv_cents, c.quantity
        from products p join unnest(${pgArray([...cart.keys()])}::int[], ${pgArray([...cart.values()])}::int[]) as c(product_id, quantity)
          on c.product_id = p.id
        where p.active
      ),
      ${period} as (${periodSql}),
      ${o} as (
        insert into orders (seller_id, period_id, kind, status, customer_name, customer_email, total_cents, pv, cv_cents, idempotency_key, created_at, ledger_digest)
        select ${input.sellerId}, p.id, ${input.kind}, 'paid', ${input.customer?.name ?? null}, ${input.customer?.email ?? null},
               sum(c.price_cents * c.quantity), sum(c.pv * c.quantity), sum(c.cv_cents * c.quantity), ${input.idempotencyKey}, ${at.toISOString()}::timestamptz,
               0 -- the digest of no lines: the ledger write under the lock sets it with the order's lines, if any
        from ${catalog} c, ${period} p
        where p.status = 'open' and not exists (select 1 from ${existing}) and (select status from ${seller}) <> 'terminated'
          and (select count(*) from ${catalog}) = ${cart.size}
        group by p.id
        on conflict (idempotency_key) do nothing
        returning id, pv, cv_cents
      ),
      ${l} as (
        insert into order_lines (order_id, product_id, quantity, unit_price_cents, unit_pv, unit_cv_cents)
        select o.id, c.id, c.quantity, c.price_cents, c.pv, c.cv_cents from ${o} o, ${catalog} c
      )`;
    const result = sql`json_build_object(
        'existing', (select json_build_object('id', id, 'sellerId', seller_id, 'periodId', period_id) from ${existing}),
        'seller_status', (select status from ${seller}),
        'available', (select count(*)::int from ${catalog}),
        'period', (select json_build_object('id', id, 'status', status, 'planId', plan_id) from ${period}),
        'placed', (select json_build_object('id', id, 'pv', pv, 'cvCents', cv_cents) from ${o}))`;
    return { ctes, result };
  });
  const [row] = await queryPrepared<{ attempts: OrderAttempt[] }>(
    tx,
    sql`with ${sql.join(
      blocks.map((b) => b.ctes),
      sql`, `,
    )} select json_build_array(${sql.join(
      blocks.map((b) => b.result),
      sql`, `,
    )}) as attempts`,
  );
  return row!.attempts;
}

/** What an order's checks price: nothing when its quantities are out of range (refused after the seller checks). */
const cartOf = (job: OrderJob) => (job.cartValid ? job.quantities : new Map<number, number>());

/**
 * The checks of several orders and, for each whose checks pass, the order and
 * its lines (one round trip for all, outside the ledger lock). Each job's
 * outcome, in order: the order a replayed key already made, the OrderError
 * refusing it (nothing of it written), or null when its new order waits on the
 * job for the ledger.
 */
export async function checkAndWrite(tx: Tx, jobs: OrderJob[]): Promise<(Outcome | null)[]> {
  const attempts = await attemptOrders(
    tx,
    jobs.map((job) => ({ input: job.input, cart: cartOf(job), at: job.at })),
  );
  const outcomes: (Outcome | null)[] = [];
  for (const [k, job] of jobs.entries()) {
    try {
      const made = await settleAttempt(tx, job, attempts[k]!);
      outcomes.push(made && { placed: made });
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      outcomes.push({ error });
    }
  }
  return outcomes;
}

/** Reads one order's attempt: its refusal (thrown), the order its key made, or null with the new order on the job. */
async function settleAttempt(tx: Tx, job: OrderJob, first: OrderAttempt): Promise<PlacedOrder | null> {
  const { input, quantities, cartValid } = job;
  const cart = cartOf(job);
  let attempt = first;
  for (;;) {
    // The same refusals, in the same order, as the statement's own checks (a key
    // taken by another order of the same statement is only found further down).
    if (attempt.existing) return madeByKey(input, attempt.existing);
    if (attempt.seller_status === null) throw new OrderError("This distributor does not exist.");
    if (attempt.seller_status === "terminated") throw new OrderError("This distributor account is closed: it cannot take orders.");
    if (quantities.size === 0) throw new OrderError("Your cart is empty.");
    if (!cartValid) throw new OrderError("Quantities must be between 1 and 99.");
    if (attempt.available !== cart.size) throw new OrderError("A product in your cart is no longer available. Review your cart and try again.");
    if (attempt.placed || attempt.period?.status === "open") break;
    // The month's period is missing or closed (rare): find or open the period, then try again.
    [attempt] = (await attemptOrders(tx, [{ input, cart, at: job.at, periodId: (await openPeriodFor(tx, job.at)).id }])) as [OrderAttempt];
  }
  if (!attempt.placed) {
    // The key's order was made meanwhile: committed by a concurrent submit, or
    // inserted by an earlier order of the same statement.
    const made = await orderForKey(tx, input);
    if (made) return made;
    throw new Error("order insert conflicted but no order has its key");
  }
  job.order = attempt.placed;
  job.period = attempt.period!;
  return null;
}
