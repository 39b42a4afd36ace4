import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createRandom } from "@/db/seed/random";
import { orders, type ShippingAddress } from "@/db/schema";
import { lockLedger } from "@/lib/ledger/db";
import { loadPeriodData, runPeriod } from "@/lib/ledger/full-run";
import { reconcilePeriod } from "@/lib/ledger/reconcile";
import { resultDigests } from "@/lib/ledger/storage";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, smallPlan, type TestCompany } from "@/tests/fixtures/company";
import { confirmPayment } from "./confirm";
import { createOrder } from "./create";
import { OrderError } from "./errors";
import type { CreatedOrder, NewOrderInput, PaidOrder } from "./job";
import { refundOrder } from "./refund";

// Concurrent payment confirmations of one process share a transaction (group
// commit): the ledger must come out exactly as if the orders had been
// confirmed one by one, a refused confirmation must not fail the others, and
// neither must a broken one. Each burst first creates its orders (unpaid, no
// ledger work), then confirms them together. Bursts of concurrent calls form
// batches on PGlite (one connection) and on PostgreSQL alike.

let t: TestDatabase;
let co: TestCompany;
const now = new Date("2026-11-15T10:00:00Z");
const us: ShippingAddress = { name: "A Buyer", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
const ca: ShippingAddress = { name: "A Buyer", line1: "1 Queen Street", city: "Toronto", region: "ON", postalCode: "M5H 2N2", country: "CA" };

/**
 * How many transactions last wrote these orders (rows one transaction wrote share its xmin). The
 * confirming transaction is the last writer of an order's row (its status, then its digest).
 */
const transactionsOf = async (ids: number[]) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(distinct xmin::text)::int as n from orders where id = any(${`{${ids.join(",")}}`}::int[])`))[0]!.n;

type OrderSpec = Pick<NewOrderInput, "sellerId" | "idempotencyKey"> & Partial<NewOrderInput>;

/** An unpaid demo order (no ledger work: that waits for the confirmation). */
const create = (spec: OrderSpec): Promise<CreatedOrder> =>
  createOrder(t.db, { kind: "personal", items: [{ productId: co.productIds[0]!, quantity: 1 }], shippingAddress: us, provider: "demo", at: now, ...spec });

/** The provider's confirmation of a created order: its total, paid in full. */
const confirm = (order: CreatedOrder, over: { amountCents?: number; provider?: "demo" | "stripe"; orderId?: number } = {}): Promise<PaidOrder> =>
  confirmPayment(t.db, {
    orderId: over.orderId ?? order.orderId,
    provider: over.provider ?? "demo",
    reference: `demo_ch_${order.orderId}_${Math.random().toString(36).slice(2)}`,
    amountCents: over.amountCents ?? order.totalCents,
    at: now,
  });

const statusOf = async (ids: number[]) =>
  new Map((await t.db.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, ids))).map((r) => [r.id, r.status]));

/** The period's ledger and volumes are exactly a full run's: every line, every order's digest, every distributor's row. */
async function expectFullRun(periodId: number) {
  expect((await reconcilePeriod(t.db, periodId)).differences).toEqual([]);
  const data = await loadPeriodData(t.db, periodId);
  const run = runPeriod(data, true);
  expect(Array.from(data.storedDigests)).toEqual(Array.from(resultDigests(data, run)));
  const stored = await queryRows<{ id: number; pv: number; gv: number; active: boolean; rank: number | null }>(
    t.db,
    sql`select distributor_id as id, pv::float8 as pv, gv::float8 as gv, active, rank_position as rank from distributor_period_stats where period_id = ${periodId}`,
  );
  const byId = new Map(stored.map((r) => [r.id, { pv: r.pv, gv: r.gv, active: r.active, rank: r.rank }]));
  data.ids.forEach((id, i) => {
    // No row means no volume; a row left at zero by a refund must still say what a full run says.
    if (run.gv[i] === 0 && !byId.has(id)) return;
    expect({ id, ...byId.get(id) }).toEqual({ id, pv: run.pv[i], gv: run.gv[i], active: run.active[i] === 1, rank: run.rank[i]! < 0 ? null : run.rank[i] });
  });
}

let periodId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  // Long legs and two paid levels: activations inside a burst repay orders below them.
  const random = createRandom(11);
  const tree = Array.from({ length: 120 }, (_, i) => (i === 0 ? null : Math.max(0, i - 1 - random.int(0, Math.min(i - 1, 5)))));
  co = await createCompany(t.db, tree, {
    ...smallPlan,
    levelsBps: [1000, 500],
    ranks: [
      { name: "Member", minPv: 0, minGv: 0, paidLevels: 1 },
      { name: "Silver", minPv: 50, minGv: 300, paidLevels: 2 },
    ],
  });
});
afterAll(async () => {
  await t?.destroy();
});

describe("concurrent payment confirmations in one transaction", () => {
  it("leave the ledger exactly a full run's after every burst, activations and refunds included", async () => {
    const random = createRandom(5);
    const paid: number[] = [];
    for (let burst = 0; burst < 8; burst++) {
      const made = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          create({
            // A seller may come twice in a burst: the second order sees the first's volumes.
            sellerId: co.ids[random.int(0, co.ids.length - 1)]!,
            kind: random.chance(0.3) ? "retail" : "personal",
            items: [{ productId: co.productIds[random.int(0, 2)]!, quantity: random.int(1, 2) }],
            shippingAddress: random.chance(0.5) ? us : ca,
            idempotencyKey: `burst-${burst}-${i}`,
          }),
        ),
      );
      expect(made.every((m) => m.created)).toBe(true);
      const ids = made.map((m) => m.orderId);
      expect(new Set(ids).size).toBe(12);
      // Created, they are not counted yet: the ledger is still exactly the full run of the paid ones.
      if (burst > 0) await expectFullRun(periodId);
      const results = await Promise.all(made.map((m) => confirm(m)));
      expect(results.every((r) => r.confirmed && !r.deferred)).toBe(true);
      expect(results.map((r) => r.orderId)).toEqual(ids);
      // Confirmed together, they join one batch: one transaction (a fallback to one by one would show here).
      expect(await transactionsOf(ids)).toBe(1);
      expect([...(await statusOf(ids)).values()].every((s) => s === "paid")).toBe(true);
      paid.push(...ids);
      periodId = results[0]!.periodId;
      for (let k = 0; k < 2; k++) await refundOrder(t.db, paid.splice(random.int(0, paid.length - 1), 1)[0]!, { reason: "test", at: now });
      await expectFullRun(periodId);
    }
  });

  it("split a burst larger than a batch into several transactions", async () => {
    const made = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        create({ sellerId: co.ids[30 + (i % 50)]!, items: [{ productId: co.productIds[i % 3]!, quantity: 1 }], idempotencyKey: `big-${i}` }),
      ),
    );
    const results = await Promise.all(made.map((m) => confirm(m)));
    expect(results.every((r) => r.confirmed)).toBe(true);
    // 32 and 8.
    expect(await transactionsOf(results.map((r) => r.orderId))).toBe(2);
    await expectFullRun(results[0]!.periodId);
  });

  it("refuse a bad confirmation alone and pay an order confirmed twice in one batch once", async () => {
    const made = new Map<number, CreatedOrder>();
    for (const i of [10, 11, 12, 13]) made.set(i, await create({ sellerId: co.ids[i]!, idempotencyKey: `mixed-${i}` }));
    const refunded = await create({ sellerId: co.ids[14]!, idempotencyKey: "mixed-refunded" });
    await confirm(refunded);
    await refundOrder(t.db, refunded.orderId, { reason: "test", at: now });
    const settled = await Promise.allSettled([
      confirm(made.get(10)!),
      // An order that does not exist; the wrong amount; the wrong provider; a refunded order.
      confirm(made.get(10)!, { orderId: made.get(13)!.orderId + 100_000 }),
      confirm(made.get(11)!, { amountCents: made.get(11)!.totalCents - 1 }),
      confirm(made.get(13)!, { provider: "stripe" }),
      confirm(refunded),
      confirm(made.get(12)!),
      confirm(made.get(12)!),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected", "rejected", "fulfilled", "fulfilled"]);
    const reasons = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    expect(reasons.every((r) => r instanceof OrderError)).toBe(true);
    expect(reasons.map((r) => (r as Error).message)).toEqual([
      "This order does not exist.",
      "The amount paid is not the order's total.",
      "This order is not paid through this payment provider.",
      "This order is already refunded.",
    ]);
    const [a, , , , , b, c] = settled.map((s) => (s.status === "fulfilled" ? s.value : null));
    expect(a!.confirmed).toBe(true);
    expect(b!.orderId).toBe(c!.orderId);
    expect([b!.confirmed, c!.confirmed].sort()).toEqual([false, true]);
    expect(await transactionsOf([a!.orderId, b!.orderId])).toBe(1);
    const statuses = await statusOf([...[...made.values()].map((m) => m.orderId), refunded.orderId]);
    expect([10, 11, 12, 13].map((i) => statuses.get(made.get(i)!.orderId))).toEqual(["paid", "pending_payment", "paid", "pending_payment"]);
    expect(statuses.get(refunded.orderId)).toBe("refunded");
    await expectFullRun(a!.periodId);
    // The refused ones can still be paid, with the right amount and provider.
    const later = await Promise.all([confirm(made.get(11)!), confirm(made.get(13)!)]);
    expect(later.map((r) => r.confirmed)).toEqual([true, true]);
    await expectFullRun(a!.periodId);
  });

  it("make one order of a key two sellers' forms submit at once, refusing the other", async () => {
    const input = (i: number): OrderSpec => ({ sellerId: co.ids[i]!, idempotencyKey: "taken-key" });
    const settled = await Promise.allSettled([create(input(20)), create(input(21))]);
    expect(settled.map((s) => s.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(settled.find((s) => s.status === "rejected")?.reason).toBeInstanceOf(OrderError);
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from orders where idempotency_key = 'taken-key'`);
    expect(row!.n).toBe(1);
  });

  it("pay an order confirmed twice once, in one batch or two", async () => {
    // Double confirmations (a webhook delivered twice, the buyer's return racing
    // the webhook), staggered so that some pairs straddle a batch boundary.
    const random = createRandom(3);
    let period = 0;
    for (let round = 0; round < 6; round++) {
      const made = await Promise.all(Array.from({ length: 24 }, (_, i) => create({ sellerId: co.ids[40 + (i % 40)]!, idempotencyKey: `twice-${round}-${i}` })));
      const submits = Array.from({ length: 48 }, (_, i) => {
        const order = made[i >> 1]!;
        return new Promise<PaidOrder>((resolve, reject) => setTimeout(() => confirm(order).then(resolve, reject), random.int(0, 4)));
      });
      const results = await Promise.all(submits);
      const confirmations = new Map<number, number>();
      for (const r of results) confirmations.set(r.orderId, (confirmations.get(r.orderId) ?? 0) + (r.confirmed ? 1 : 0));
      expect([...confirmations.values()]).toEqual(Array.from({ length: 24 }, () => 1));
      expect(new Set(results.map((r) => r.periodId)).size).toBe(1);
      expect([...(await statusOf(made.map((m) => m.orderId))).values()].every((s) => s === "paid")).toBe(true);
      period = results[0]!.periodId;
    }
    await expectFullRun(period);
  }, 60_000);

  // Needs real connections: on PGlite (one connection) nothing waits on anything.
  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    "never wait in the process while holding rows an admin holding the ledger may need",
    async () => {
      // An admin holds the ledger lock; batch 1 waits for it; batch 2 has
      // claimed order Y (its row locked); then the admin locks Y's row. Batch 2
      // must be waiting for the ledger inside PostgreSQL (which sees the cycle
      // and breaks it), not in this process behind batch 1 (a hang nobody detects).
      const waiting = async (n: number) => {
        for (let i = 0; i < 200; i++) {
          const [row] = await queryRows<{ n: number }>(
            t.db,
            sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = 'advisory'`,
          );
          if (row!.n >= n) return;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`fewer than ${n} sessions wait for the ledger`);
      };
      const x = await create({ sellerId: co.ids[91]!, idempotencyKey: "admin-race-1" });
      const y = await create({ sellerId: co.ids[90]!, idempotencyKey: "admin-race-2" });
      let first: Promise<PaidOrder> | null = null;
      let second: Promise<PaidOrder> | null = null;
      const admin = t.db
        .transaction(async (tx) => {
          await lockLedger(tx);
          first = confirm(x);
          await waiting(1);
          second = confirm(y);
          await waiting(2);
          await tx.execute(sql`select id from orders where id = ${y.orderId} for update`);
        })
        .catch((error: unknown) => error);
      const outcome = await admin;
      // PostgreSQL broke the cycle: either side may have been the victim.
      if (outcome instanceof Error) expect(String((outcome as { cause?: unknown }).cause ?? outcome)).toMatch(/deadlock/);
      const paid = await Promise.all([first!, second!]);
      expect(paid.map((p) => p.confirmed)).toEqual([true, true]);
      expect([...(await statusOf([x.orderId, y.orderId])).values()]).toEqual(["paid", "paid"]);
      await expectFullRun(paid[0]!.periodId);
    },
    30_000,
  );

  it("confirm the others alone when one confirmation breaks the batch's transaction", async () => {
    // A database error (not a refusal) for one order rolls its batch back.
    await t.db.execute(sql.raw("create function test_refuse_boom() returns trigger as $$ begin raise exception 'boom'; end; $$ language plpgsql"));
    await t.db.execute(
      sql.raw(
        "create trigger test_refuse_boom before update of status on orders for each row when (new.status = 'paid' and new.customer_name = 'Boom') execute function test_refuse_boom()",
      ),
    );
    const made = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        create({
          sellerId: co.ids[20 + i]!,
          kind: "retail",
          items: [{ productId: co.productIds[1]!, quantity: 1 }],
          idempotencyKey: `boom-${i}`,
          customer: { name: i === 2 ? "Boom" : "Fine", email: "c@example.net" },
        }),
      ),
    );
    try {
      const settled = await Promise.allSettled(made.map((m) => confirm(m)));
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
      const reason = (settled[2] as PromiseRejectedResult).reason as { cause?: unknown };
      expect(String(reason.cause ?? reason)).toMatch(/boom/);
      const statuses = await statusOf(made.map((m) => m.orderId));
      expect(made.map((m) => statuses.get(m.orderId))).toEqual(["paid", "paid", "pending_payment", "paid"]);
      // Confirmed one by one after the rollback: three transactions.
      expect(await transactionsOf([0, 1, 3].map((i) => made[i]!.orderId))).toBe(3);
      await expectFullRun((settled[0] as PromiseFulfilledResult<PaidOrder>).value.periodId);
    } finally {
      await t.db.execute(sql.raw("drop trigger test_refuse_boom on orders"));
      await t.db.execute(sql.raw("drop function test_refuse_boom()"));
    }
    // Its own failure left it unpaid and payable.
    const retried = await confirm(made[2]!);
    expect(retried.confirmed).toBe(true);
    expect((await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, made[2]!.orderId)))[0]!.status).toBe("paid");
    await expectFullRun(retried.periodId);
  });
});
