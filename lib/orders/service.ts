import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray } from "@/db/rows";
import { orders } from "@/db/schema";
import type { Plan } from "@/lib/commissions";
import { applyNewOrders, applyOrderChange, PeriodClosedError, PlanChangedError, type ChangeResult } from "@/lib/ledger/incremental";
import { lockLedger, type Tx } from "@/lib/ledger/db";
import { getPeriod, openPeriodFor } from "@/lib/ledger/periods";
import { loadPlan } from "@/lib/ledger/plan";
import { queryPrepared } from "@/lib/ledger/raw";
import { applyTeamRollups, scheduleTeamRollups } from "@/lib/ledger/rollups";
import { monthOf } from "@/lib/periods";

/** A refusal a person can act on; its message is safe to show. */
export class OrderError extends Error {
  override name = "OrderError";
}

export interface PlaceOrderInput {
  sellerId: number;
  kind: "personal" | "retail";
  items: { productId: number; quantity: number }[];
  idempotencyKey: string;
  customer?: { name: string; email: string };
  /** When the order is placed: it decides the order's period. */
  at: Date;
}

export interface LedgerOptions {
  /** Orders an update may recompute in its own transaction before deferring to a full run. */
  syncLimit?: number;
}

export interface PlacedOrder {
  orderId: number;
  /** False when the idempotency key had already made this order: nothing new was written. */
  created: boolean;
  /** True when other orders' lines were left to the background full run. */
  deferred: boolean;
  periodId: number;
}

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

// Plan versions are never edited (publishing makes a new one), so a plan is
// cached by id, per database.
const plans = new WeakMap<Database, Map<number, Promise<Plan>>>();

function cachedPlan(db: Database, tx: Tx, planId: number): Promise<Plan> {
  let byId = plans.get(db);
  if (!byId) plans.set(db, (byId = new Map()));
  let plan = byId.get(planId);
  if (!plan) {
    plan = loadPlan(tx, planId);
    byId.set(planId, plan);
    plan.catch(() => byId.delete(planId));
  }
  return plan;
}

/** An order on its way: its input, and what the checks found. */
interface OrderJob {
  input: PlaceOrderInput;
  options: LedgerOptions;
  at: Date;
  quantities: Map<number, number>;
  cartValid: boolean;
  /** The order written by the checks' round trip, waiting for the ledger. */
  order?: { id: number; pv: number; cvCents: number };
  period?: { id: number; status: string; planId: number };
}

function newJob(input: PlaceOrderInput, options: LedgerOptions): OrderJob {
  const quantities = new Map<number, number>();
  for (const item of input.items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  const cartValid = quantities.size > 0 && [...quantities.values()].every((q) => q >= 1 && q <= 99);
  return { input, options, at: input.at, quantities, cartValid };
}

/** What an order's checks price: nothing when its quantities are out of range (refused after the seller checks). */
const cartOf = (job: OrderJob) => (job.cartValid ? job.quantities : new Map<number, number>());

/** How an order ended: placed (or found by its key), or refused. */
type Outcome = { placed: PlacedOrder } | { error: OrderError };

/**
 * The checks of several orders and, for each whose checks pass, the order and
 * its lines (one round trip for all, outside the ledger lock). Each job's
 * outcome, in order: the order a replayed key already made, the OrderError
 * refusing it (nothing of it written), or null when its new order waits on the
 * job for the ledger.
 */
async function checkAndWrite(tx: Tx, jobs: OrderJob[]): Promise<(Outcome | null)[]> {
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

/**
 * Brings the ledger up to date with the job's new order, taking the ledger
 * lock (again, harmlessly, when the transaction holds it); `notYet`: orders of
 * the same transaction updated after it.
 */
async function updateLedger(db: Database, tx: Tx, job: OrderJob, notYet: number[] = []): Promise<PlacedOrder> {
  let takeLock = true;
  const order = job.order!;
  let period = job.period!;
  let plan = await cachedPlan(db, tx, period.planId);
  const change = {
    orderId: order.id,
    sellerId: job.input.sellerId,
    pvDelta: order.pv,
    order: { kind: job.input.kind, cvCents: order.cvCents, status: "paid" as const },
    fresh: true,
  };
  for (;;) {
    try {
      // With takeLock, the ledger lock is taken in the same round trip as the first read under it.
      const result = await applyOrderChange(tx, period.id, plan, change, job.options.syncLimit, { takeLock, planId: period.planId, notYet });
      return { orderId: order.id, created: true, deferred: result.deferred, periodId: period.id };
    } catch (error) {
      if (!(error instanceof PeriodClosedError || error instanceof PlanChangedError)) throw error;
      // Closed while this order waited for the lock, it belongs to the next open
      // period; or a new plan version was published meanwhile. (The lock is held by now.)
      takeLock = false;
      const previous = period.id;
      period = await openPeriodFor(tx, job.at);
      if (period.id !== previous) await tx.update(orders).set({ periodId: period.id }).where(eq(orders.id, order.id));
      plan = await cachedPlan(db, tx, period.planId);
    }
  }
}

/**
 * The ledger update of a batch's new orders: those of the first order's period
 * and plan (all of them, but at a month's turn or a plan's publication) through
 * applyNewOrders, in one round trip for their chains and one for their writes;
 * any other, a lone order, or all of them when the period closed or its plan
 * changed while they waited, one by one.
 */
async function updateLedgers(db: Database, tx: Tx, items: BatchItem[]): Promise<void> {
  if (items.length === 0) return;
  const { id: periodId, planId } = items[0]!.job.period!;
  let rest = items.filter((item) => item.job.period!.id !== periodId || item.job.period!.planId !== planId);
  const together = items.filter((item) => !rest.includes(item));
  // A lone order (the usual case under light load) goes the single order's
  // way, measured faster for one order (A/B at 1M: 13.4 to 14.5 ms mean, against 15.4 to 20.8).
  if (together.length > 1) {
    try {
      const plan = await cachedPlan(db, tx, planId);
      const news = together.map(({ job }) => ({
        orderId: job.order!.id,
        sellerId: job.input.sellerId,
        pv: job.order!.pv,
        kind: job.input.kind,
        cvCents: job.order!.cvCents,
        syncLimit: job.options.syncLimit,
      }));
      const results = await applyNewOrders(tx, periodId, plan, news, { takeLock: true, planId });
      together.forEach((item, k) => {
        item.outcome = { placed: { orderId: item.job.order!.id, created: true, deferred: results[k]!.deferred, periodId } };
      });
    } catch (error) {
      if (!(error instanceof PeriodClosedError || error instanceof PlanChangedError)) throw error;
      rest = items;
    }
  } else {
    rest = items;
  }
  // Each takes the ledger lock (again, harmlessly, when the batch holds it), in order.
  for (const [k, item] of rest.entries()) {
    item.outcome = {
      placed: await updateLedger(
        db,
        tx,
        item.job,
        rest.slice(k + 1).map((later) => later.job.order!.id),
      ),
    };
  }
}

/** One order in its own transaction. */
async function placeAlone(db: Database, job: OrderJob): Promise<PlacedOrder> {
  return db.transaction(async (tx) => {
    const [outcome] = await checkAndWrite(tx, [job]);
    if (!outcome) return updateLedger(db, tx, job);
    if ("error" in outcome) throw outcome.error;
    return outcome.placed;
  });
}

interface BatchItem {
  job: OrderJob;
  settle: { resolve: (placed: PlacedOrder) => void; reject: (error: unknown) => void };
  outcome?: Outcome | { error: unknown };
}

interface Batch {
  items: BatchItem[];
}

// A batch stops taking orders at this size (a burst of thousands of requests
// would otherwise make one long transaction): the next one starts. At most 100:
// attemptOrders passes json_build_array an argument per order.
const MAX_BATCH = 32;

/**
 * Group commit. Orders serialise on the ledger lock, and each transaction
 * costs round trips and a commit besides its ledger work, so concurrent
 * orders of one process share one transaction: a batch runs the checks and
 * writes of every order that joins it (outside the lock) while the batch before
 * it holds the ledger, then takes the lock once, updates the ledger for all of
 * them (applyNewOrders) and commits once. A lone order is a batch of one,
 * started at once. A refused order (OrderError) is refused alone; any other
 * failure rolls the batch back, and its orders are placed again one by one, so
 * one bad order cannot fail the others.
 *
 * Waits: a batch never waits in this process while it holds row locks (its
 * inserts lock the seller's and the period's rows): an admin holding the
 * ledger lock and waiting for such a row would make a cycle PostgreSQL cannot
 * see. The only wait here comes first, before the transaction: a batch checks
 * its orders once the batch before it has checked all of its own (two submits
 * of one key in the two batches then meet in one order). It waits for the
 * batch holding the ledger inside PostgreSQL, on the lock itself.
 */
class OrderBatcher {
  private forming: Batch | null = null;
  // The batch between taking the ledger and its commit, if any.
  private holding: Batch | null = null;
  // The last batch's checks, as a promise of their end.
  private checks: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  submit(job: OrderJob): Promise<PlacedOrder> {
    return new Promise((resolve, reject) => {
      const item: BatchItem = { job, settle: { resolve, reject } };
      if (this.forming && this.forming.items.length < MAX_BATCH) {
        this.forming.items.push(item);
        return;
      }
      const batch: Batch = { items: [item] };
      this.forming = batch;
      void this.run(batch);
    });
  }

  private async run(batch: Batch): Promise<void> {
    const previousChecks = this.checks;
    let checked = () => {};
    this.checks = new Promise<void>((resolve) => (checked = resolve));
    const close = () => {
      if (this.forming === batch) this.forming = null;
    };
    // Lets the next batches go: nothing of this one is pending any more.
    const release = () => {
      close();
      checked();
      if (this.holding === batch) this.holding = null;
    };
    try {
      await previousChecks;
      await this.db.transaction(async (tx) => {
        let next = 0;
        // Checks the orders not checked yet, together (orders joining meanwhile: another round).
        const check = async () => {
          while (next < batch.items.length) {
            const items = batch.items.slice(next);
            next = batch.items.length;
            const outcomes = await checkAndWrite(
              tx,
              items.map((item) => item.job),
            );
            items.forEach((item, k) => {
              if (outcomes[k]) item.outcome = outcomes[k];
            });
          }
        };
        await check();
        // While another batch holds the ledger, wait for it on the lock itself
        // (orders arriving meanwhile still join); else the update below takes it.
        if (this.holding) await lockLedger(tx);
        this.holding = batch;
        close();
        await check();
        checked();
        await updateLedgers(
          this.db,
          tx,
          batch.items.filter((item) => !item.outcome),
        );
      });
    } catch {
      // Rolled back: nothing of this batch was written. Each order again, alone.
      release();
      let created = false;
      await Promise.all(
        batch.items.map(async (item) => {
          try {
            const placed = await placeAlone(this.db, item.job);
            created ||= placed.created;
            item.settle.resolve(placed);
          } catch (error) {
            item.settle.reject(error);
          }
        }),
      );
      if (created) scheduleTeamRollups(this.db);
      return;
    } finally {
      release();
    }
    for (const { outcome, settle } of batch.items) {
      if (outcome && "placed" in outcome) settle.resolve(outcome.placed);
      else settle.reject(outcome?.error ?? new Error("order left without an outcome"));
    }
    if (batch.items.some((i) => i.outcome && "placed" in i.outcome && i.outcome.placed.created)) scheduleTeamRollups(this.db);
  }
}

const batchers = new WeakMap<Database, OrderBatcher>();

/**
 * Records a paid order and brings the open period's ledger up to date, all in
 * one transaction. Prices and volumes come from the catalog, never the client.
 * The idempotency key makes a retry, a double click or a replay return the
 * first result instead of ordering twice.
 *
 * Orders serialise on the global ledger lock, so only the ledger update runs
 * under it: the checks, the order and its lines (one round trip) come first,
 * in parallel with other orders (invisible to them until commit). Concurrent
 * orders of this process share a transaction (OrderBatcher). The unique
 * idempotency key settles two submits of one form: the second waits for the
 * first to commit (or, in one batch, finds it by its key), then returns its order.
 */
export async function placeOrder(db: Database, input: PlaceOrderInput, options: LedgerOptions = {}): Promise<PlacedOrder> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new OrderBatcher(db)));
  return batcher.submit(newJob(input, options));
}

export interface RefundResult {
  /** "removed": the open period's lines are gone; "clawback": negative lines were posted to the open period. */
  effect: "removed" | "clawback";
  deferred: boolean;
  /** The open period whose ledger changed. */
  periodId: number;
}

/**
 * Refunds (or cancels) a paid order. In its open period its commissions
 * disappear and the volumes it brought are taken back; for an order of a
 * closed period, which is never edited, each of its lines gets a negative
 * clawback line in the open period, netting it to zero.
 */
export async function refundOrder(
  db: Database,
  orderId: number,
  opts: LedgerOptions & {
    reason: string;
    status?: "refunded" | "cancelled";
    /** When: a closed period's clawbacks go to this moment's open period. */ at: Date;
  },
): Promise<RefundResult> {
  const refunded = await db.transaction(async (tx): Promise<RefundResult> => {
    await lockLedger(tx);
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new OrderError("This order does not exist.");
    if (order.status !== "paid") throw new OrderError(`This order is already ${order.status}.`);
    await tx
      .update(orders)
      .set({ status: opts.status ?? "refunded", refundedAt: opts.at, refundReason: opts.reason })
      .where(eq(orders.id, orderId));
    const period = await getPeriod(tx, order.periodId);
    if (period.status === "open") {
      const change: ChangeResult = await applyOrderChange(
        tx,
        period.id,
        await loadPlan(tx, period.planId),
        {
          orderId,
          sellerId: order.sellerId,
          pvDelta: -order.pv,
          order: { kind: order.kind, cvCents: order.cvCents, status: opts.status ?? "refunded" },
        },
        opts.syncLimit,
      );
      return { effect: "removed", deferred: change.deferred, periodId: period.id };
    }
    const open = await postClawbacks(tx, orderId, opts.at);
    return { effect: "clawback", deferred: false, periodId: open };
  });
  // Refunds are rare, and a caller may pass its own transaction (an audited admin
  // refund), which a background apply could not use after it ends: applied here.
  await applyTeamRollups(db);
  return refunded;
}

/** Posts the clawbacks to the open period and returns its id. */
async function postClawbacks(tx: Tx, orderId: number, at: Date): Promise<number> {
  const open = await openPeriodFor(tx, at);
  await tx.execute(sql`
    insert into commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, skipped)
    select ${open.id}, order_id, beneficiary_id, seller_id, level, generation, 'clawback', rate_bps, -amount_cents, skipped
    from commission_ledger where order_id = ${orderId} and kind = 'commission'
    on conflict (order_id, beneficiary_id, level, kind) do nothing`);
  return open.id;
}
