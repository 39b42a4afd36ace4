// Order traffic for the db suite: orders with random sellers, products and kinds
// are created unpaid (untimed), then their payments are confirmed (confirmPayment:
// the data layer, ledger and commit included; what a provider's confirmation
// runs) from one caller or several concurrent ones, each confirmation timed.
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { queryRows } from "../../db/rows";
import { createRng } from "../../lib/commissions/synthetic";
import { recomputePeriod } from "../../lib/ledger/full-run";
import { backgroundRollupsSettled } from "../../lib/ledger/rollups";
import { now } from "../../lib/clock";
import { confirmPayment } from "../../lib/orders/confirm";
import { createOrder } from "../../lib/orders/create";
import { demoShippingAddress } from "../../lib/payments/demo";

export interface OrderLoad {
  count: number;
  concurrency: number;
  wallMs: number;
  ordersPerSecond: number;
  /** Per-confirmation latency percentiles and mean, ms. */
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Orders whose other lines were left to a background full run (run before the clock stops). */
  deferred: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 100) / 100;
}

/** Creates `count` unpaid orders, then confirms their payments from `concurrency` async callers, timing each confirmation. */
export async function placeOrders(handle: DatabaseHandle, options: { count: number; concurrency: number; seed: number; tag: string }): Promise<OrderLoad> {
  const db = handle.db;
  const [range] = await queryRows<{ max: number }>(db, sql`select coalesce(max(id), 0)::int as max from distributors`);
  const closed = new Set((await queryRows<{ id: number }>(db, sql`select id from distributors where status = 'terminated'`)).map((r) => r.id));
  const products = (await queryRows<{ id: number }>(db, sql`select id from products where active order by id`)).map((r) => r.id);
  const maxId = range?.max ?? 0;
  if (maxId === 0 || products.length === 0) throw new Error("the benchmark database has no company");
  const rnd = createRng(options.seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const drafts = Array.from({ length: options.count }, () => {
    let sellerId = 1 + pick(maxId);
    while (closed.has(sellerId)) sellerId = 1 + pick(maxId);
    return {
      sellerId,
      kind: rnd() < 0.3 ? ("retail" as const) : ("personal" as const),
      items: [{ productId: products[pick(products.length)]!, quantity: 1 + pick(3) }],
    };
  });

  const at = now();
  // Bench orders ship free to the demo address (a company kept from an earlier run may have no rates).
  await db.execute(sql`insert into shipping_rates (country, rate_cents) values (${demoShippingAddress.country}, 0) on conflict do nothing`);
  const made: { orderId: number; totalCents: number }[] = [];
  for (const [i, d] of drafts.entries()) {
    made.push(
      await createOrder(db, {
        ...d,
        idempotencyKey: `bench-${options.tag}-${process.pid}-${i}`,
        customer: d.kind === "retail" ? { name: `Bench customer ${i}`, email: `bench.${i}@example.net` } : undefined,
        shippingAddress: demoShippingAddress,
        provider: "demo",
        at,
      }),
    );
  }

  const latencies = new Float64Array(options.count);
  let next = 0;
  let deferred = 0;
  const deferredPeriods = new Set<number>();
  const caller = async () => {
    for (let i = next++; i < options.count; i = next++) {
      const { orderId, totalCents } = made[i]!;
      const started = performance.now();
      const placed = await confirmPayment(db, { orderId, provider: "demo", reference: `bench-${orderId}`, amountCents: totalCents, at });
      latencies[i] = performance.now() - started;
      if (placed.deferred) {
        deferred++;
        deferredPeriods.add(placed.periodId);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  // The team rollups each order queued are part of its cost, and so is the background full run
  // an order that reaches too many others leaves (the actions schedule it): the clock stops once
  // both are done.
  for (const periodId of deferredPeriods) await recomputePeriod(db, periodId);
  await backgroundRollupsSettled(db);
  const wallMs = performance.now() - started;
  const sorted = latencies.slice().sort();
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    count: options.count,
    concurrency: options.concurrency,
    wallMs: Math.round(wallMs),
    ordersPerSecond: Math.round((options.count / wallMs) * 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: round(sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length)),
    max: round(sorted[sorted.length - 1] ?? 0),
    deferred,
  };
}
