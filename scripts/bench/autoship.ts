// The autoship suite: one day with --subscriptions (default 100,000) autoships due,
// on the db suite's PostgreSQL company (seeded, or a kept one reused), run by one
// app instance's job worker with --workers (default 4) jobs side by side (its
// LINEAGE_WORKER_CONCURRENCY), paced at --rate runs a second (the scheduler's
// LINEAGE_AUTOSHIP_RUNS_PER_SECOND; default 0: unpaced), while one interactive buyer of the same instance
// places orders one after another; every order of the day is then reconciled
// against a full run.
//
// Setup (untimed): the subscriptions are made set-based on random active
// members (2% of them on the demo decline card), all due today. Timed: from the
// scheduler's tick to the last run. The interactive orders' latencies are those
// measured during the batch.
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { pgArray, queryRows } from "../../db/rows";
import { dateOf } from "../../lib/autoship/cycle";
import { autoshipJobHandlers, queueDueAutoship } from "../../lib/autoship/schedule";
import { now } from "../../lib/clock";
import { createRng } from "../../lib/commissions/synthetic";
import { runDueJobs } from "../../lib/jobs/worker";
import { backgroundRecomputesSettled } from "../../lib/ledger/background";
import { backgroundRollupsSettled } from "../../lib/ledger/rollups";
import { reconcileOpenPeriods } from "../../lib/ledger/reconcile";
import { confirmPayment } from "../../lib/orders/confirm";
import { createOrder } from "../../lib/orders/create";
import { demoShippingAddress } from "../../lib/payments/demo";
import { percentile } from "./db-orders";
import { openSeeded, targetFor } from "./db-target";
import { peakRssMb, type Measurement, type Suite } from "./types";

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

/**
 * Removes an earlier run's bench subscriptions (their orders stay: they are the
 * company's history now), and the jobs earlier benchmark orders left queued
 * (their receipts, which no mail worker here sends), so the worker's queue
 * holds this day's work.
 */
async function clearBenchSubscriptions(db: DatabaseHandle["db"]): Promise<void> {
  await db.execute(sql`delete from jobs where kind like 'autoship.%' or status in ('queued', 'running')`);
  await db.execute(sql`delete from subscription_runs`);
  await db.execute(sql`delete from subscription_items`);
  await db.execute(sql`delete from subscriptions`);
  await db.execute(sql`delete from payment_methods`);
}

/** `count` subscriptions due `today` on random active members without one; 2% on the decline card. */
async function makeDueSubscriptions(db: DatabaseHandle["db"], count: number, seed: number, at: Date): Promise<void> {
  const today = dateOf(at);
  const [range] = await queryRows<{ max: number }>(db, sql`select max(id)::int as max from distributors`);
  const products = (await queryRows<{ id: number }>(db, sql`select id from products where active order by id`)).map((r) => r.id);
  const rnd = createRng(seed);
  const owners = new Set<number>();
  while (owners.size < Math.min(count, range!.max)) owners.add(1 + Math.floor(rnd() * range!.max));
  const ids = [...owners];
  const productOf = ids.map(() => products[Math.floor(rnd() * products.length)]!);
  const quantityOf = ids.map(() => 1 + Math.floor(rnd() * 2));
  const declines = ids.map(() => rnd() < 0.02);
  await db.execute(sql`insert into shipping_rates (country, rate_cents) values (${demoShippingAddress.country}, 0) on conflict do nothing`);
  await db.execute(
    sql`with owners as (
          select o.distributor_id, o.product_id, o.quantity, o.declines
          from unnest(${pgArray(ids)}::int[], ${pgArray(productOf)}::int[], ${pgArray(quantityOf)}::int[], ${pgArray(declines)}::boolean[])
            as o(distributor_id, product_id, quantity, declines)
          join distributors d on d.id = o.distributor_id and d.status <> 'terminated'),
        methods as (
          insert into payment_methods (distributor_id, provider, reference, brand, last4, exp_month, exp_year, created_at)
          select distributor_id, 'demo', 'demo_pm_bench_' || distributor_id, 'Visa', case when declines then '0002' else '4242' end, 12, 2034, ${at.toISOString()}::timestamptz
          from owners
          returning id, distributor_id),
        subs as (
          insert into subscriptions (distributor_id, seller_id, day_of_month, status, payment_method_id, shipping_address, next_run_on, created_at, updated_at)
          select m.distributor_id, m.distributor_id, least(28, extract(day from ${today}::date)::int), 'active', m.id, ${JSON.stringify(demoShippingAddress)}::jsonb, ${today}::date,
                 ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
          from methods m
          returning id, distributor_id)
        insert into subscription_items (subscription_id, product_id, quantity)
        select s.id, o.product_id, o.quantity from subs s join owners o on o.distributor_id = s.distributor_id`,
  );
  await db.execute(sql`analyze payment_methods, subscriptions, subscription_items`);
}

/** One buyer's orders, one after another, until `done()`: each created unpaid and confirmed paid, the confirmation timed. */
async function interactiveOrders(db: DatabaseHandle["db"], done: () => boolean, seed: number): Promise<number[]> {
  const [range] = await queryRows<{ max: number }>(db, sql`select max(id)::int as max from distributors`);
  const products = (await queryRows<{ id: number }>(db, sql`select id from products where active order by id`)).map((r) => r.id);
  const rnd = createRng(seed);
  const latencies: number[] = [];
  for (let i = 0; !done(); i++) {
    const at = now();
    const sellerId = 1 + Math.floor(rnd() * range!.max);
    let made;
    try {
      made = await createOrder(db, {
        sellerId,
        kind: "personal",
        items: [{ productId: products[Math.floor(rnd() * products.length)]!, quantity: 1 }],
        idempotencyKey: `bench-autoship-interactive-${process.pid}-${i}`,
        shippingAddress: demoShippingAddress,
        provider: "demo",
        at,
      });
    } catch {
      continue; // a terminated seller: pick another
    }
    const started = performance.now();
    await confirmPayment(db, { orderId: made.orderId, provider: "demo", reference: `bench-interactive-${made.orderId}`, amountCents: made.totalCents, at });
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const autoshipDay: Measurement = {
  name: "autoship.day",
  async run(o) {
    const count = flag("--subscriptions", 100_000);
    const workers = flag("--workers", 4);
    // The scheduler's pace (LINEAGE_AUTOSHIP_RUNS_PER_SECOND); 0, the default here: as fast as the lanes go.
    const rate = flag("--rate", 0);
    const t = targetFor("postgres", o);
    // The company, seeded when missing, on one pool: the app instance's (its worker's lanes and the buyer share its order batcher).
    const setup = await openSeeded(t, workers + 2);
    try {
      const at = now();
      await clearBenchSubscriptions(setup.db);
      await makeDueSubscriptions(setup.db, count, o.seed + 19, at);
      const [made] = await queryRows<{ n: number }>(setup.db, sql`select count(*)::int as n from subscriptions`);
      let finished = false;
      const started = performance.now();
      const interactive = interactiveOrders(setup.db, () => finished, o.seed + 23);
      const queued = await queueDueAutoship(setup.db, at, { runsPerSecond: rate });
      const left = async () =>
        (
          await queryRows<{ n: number }>(
            setup.db,
            sql`select count(*)::int as n from jobs where kind = 'autoship.run' and status in ('queued', 'running') and payload->>'attempt' = '1'`,
          )
        )[0]!.n;
      // Each lane runs jobs until none is left, as the worker's lanes do (one job per claim, the clock read per job); paced, it waits for the
      // next one's time. The day is done when no first attempt is left (a decline's retry is due days later).
      const ran = await Promise.all(
        Array.from({ length: workers }, async () => {
          let n = 0;
          for (;;) {
            if ((await runDueJobs(setup.db, autoshipJobHandlers, now(), { batch: 1, maxJobs: 1 })).ran > 0) n++;
            else if (rate > 0 && (await left()) > 0) await new Promise((r) => setTimeout(r, 20));
            else return n;
          }
        }),
      );
      await backgroundRollupsSettled(setup.db);
      // An order that reached more lines than the synchronous limit left a full run in the background: the day is done when it is.
      await backgroundRecomputesSettled();
      const ms = performance.now() - started;
      finished = true;
      const latencies = (await interactive).sort((a, b) => a - b);
      const [runs] = await queryRows<{ paid: number; retrying: number; other: number }>(
        setup.db,
        sql`select count(*) filter (where status = 'paid')::int as paid, count(*) filter (where status = 'retrying')::int as retrying,
                   count(*) filter (where status not in ('paid', 'retrying'))::int as other
            from subscription_runs`,
      );
      const reconcileStarted = performance.now();
      const differences = (await reconcileOpenPeriods(setup.db)).reduce((s, r) => s + r.differences.length, 0);
      if (differences > 0) throw new Error(`reconcile found ${differences} differences after the autoship day`);
      return {
        name: "autoship.day",
        distributors: t.distributors,
        orders: t.orders,
        ms: Math.round(ms),
        rssMb: peakRssMb(),
        subscriptions: made!.n,
        queued: queued.runs,
        workers,
        rate,
        jobsPerWorker: ran,
        runsPerSecond: Math.round((made!.n / ms) * 1000),
        runs,
        interactive: {
          count: latencies.length,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: Math.round((latencies[latencies.length - 1] ?? 0) * 100) / 100,
        },
        reconcileMs: Math.round(performance.now() - reconcileStarted),
        differences,
      };
    } finally {
      await setup.close();
    }
  },
};

export const autoshipSuite: Suite = { name: "autoship", measurements: [autoshipDay] };
