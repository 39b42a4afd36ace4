import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createRandom } from "@/db/seed/random";
import { orders } from "@/db/schema";
import { lockLedger } from "@/lib/ledger/db";
import { loadPeriodData, runPeriod } from "@/lib/ledger/full-run";
import { reconcilePeriod } from "@/lib/ledger/reconcile";
import { resultDigests } from "@/lib/ledger/storage";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, smallPlan, type TestCompany } from "@/tests/fixtures/company";
import { OrderError } from "./errors";
import type { PlaceOrderInput } from "./job";
import { placeOrder } from "./place";
import { refundOrder } from "./refund";

// Concurrent orders of one process share a transaction (group commit): the
// ledger must come out exactly as if they had been placed one by one, a
// refused order must not fail the others, and neither must a broken one.
// Bursts of concurrent calls form batches on PGlite (one connection) and on
// PostgreSQL alike.

let t: TestDatabase;
let co: TestCompany;
const now = new Date("2026-11-15T10:00:00Z");

/** How many transactions wrote these orders (rows one transaction inserted share its xmin). */
const transactionsOf = async (ids: number[]) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(distinct xmin::text)::int as n from orders where id = any(${`{${ids.join(",")}}`}::int[])`))[0]!.n;

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

describe("concurrent orders in one transaction", () => {
  it("leave the ledger exactly a full run's after every burst, activations and refunds included", async () => {
    const random = createRandom(5);
    const placed: number[] = [];
    let periodId = 0;
    for (let burst = 0; burst < 8; burst++) {
      const inputs: PlaceOrderInput[] = Array.from({ length: 12 }, (_, i) => ({
        // A seller may come twice in a burst: the second order sees the first's volumes.
        sellerId: co.ids[random.int(0, co.ids.length - 1)]!,
        kind: random.chance(0.3) ? "retail" : "personal",
        items: [{ productId: co.productIds[random.int(0, 2)]!, quantity: random.int(1, 2) }],
        idempotencyKey: `burst-${burst}-${i}`,
        at: now,
      }));
      const results = await Promise.all(inputs.map((input) => placeOrder(t.db, input)));
      expect(results.every((r) => r.created && !r.deferred)).toBe(true);
      const ids = results.map((r) => r.orderId);
      expect(new Set(ids).size).toBe(12);
      // Submitted together, they join one batch: one transaction (a fallback to one by one would show here).
      expect(await transactionsOf(ids)).toBe(1);
      placed.push(...ids);
      periodId = results[0]!.periodId;
      for (let k = 0; k < 2; k++) await refundOrder(t.db, placed.splice(random.int(0, placed.length - 1), 1)[0]!, { reason: "test", at: now });
      await expectFullRun(periodId);
    }
  });

  it("split a burst larger than a batch into several transactions", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        placeOrder(t.db, {
          sellerId: co.ids[30 + (i % 50)]!,
          kind: "personal",
          items: [{ productId: co.productIds[i % 3]!, quantity: 1 }],
          idempotencyKey: `big-${i}`,
          at: now,
        }),
      ),
    );
    // 32 and 8.
    expect(await transactionsOf(results.map((r) => r.orderId))).toBe(2);
    await expectFullRun(results[0]!.periodId);
  });

  it("refuse a bad order alone and make one order of a key submitted twice", async () => {
    const good = (i: number): PlaceOrderInput => ({
      sellerId: co.ids[i]!,
      kind: "personal",
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      idempotencyKey: `mixed-${i}`,
      at: now,
    });
    const settled = await Promise.allSettled([
      placeOrder(t.db, good(10)),
      placeOrder(t.db, { ...good(13), sellerId: co.ids.at(-1)! + 1000, idempotencyKey: "mixed-nobody" }),
      placeOrder(t.db, { ...good(11), items: [{ productId: co.productIds[0]!, quantity: 100 }], idempotencyKey: "mixed-qty" }),
      placeOrder(t.db, good(12)),
      placeOrder(t.db, good(12)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled", "fulfilled"]);
    const reasons = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    expect(reasons.every((r) => r instanceof OrderError)).toBe(true);
    const [a, , , b, c] = settled.map((s) => (s.status === "fulfilled" ? s.value : null));
    expect(b!.orderId).toBe(c!.orderId);
    expect([b!.created, c!.created].sort()).toEqual([false, true]);
    expect(await transactionsOf([a!.orderId, b!.orderId])).toBe(1);
    await expectFullRun(a!.periodId);
  });

  it("refuse an order under a key another seller's order of the same batch took", async () => {
    const input = (i: number): PlaceOrderInput => ({
      sellerId: co.ids[i]!,
      kind: "personal",
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      idempotencyKey: "taken-key",
      at: now,
    });
    const settled = await Promise.allSettled([placeOrder(t.db, input(20)), placeOrder(t.db, input(21))]);
    expect(settled.map((s) => s.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(settled.find((s) => s.status === "rejected")?.reason).toBeInstanceOf(OrderError);
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from orders where idempotency_key = 'taken-key'`);
    expect(row!.n).toBe(1);
  });

  it("make one order of a key submitted twice, in one batch or two", async () => {
    // Double submits, staggered so that some pairs straddle a batch boundary.
    const random = createRandom(3);
    for (let round = 0; round < 6; round++) {
      const submits = Array.from({ length: 48 }, (_, i) => {
        const key = `twice-${round}-${i >> 1}`;
        const input: PlaceOrderInput = {
          sellerId: co.ids[40 + ((i >> 1) % 40)]!,
          kind: "personal",
          items: [{ productId: co.productIds[0]!, quantity: 1 }],
          idempotencyKey: key,
          at: now,
        };
        return new Promise<{ key: string; orderId: number }>((resolve, reject) =>
          setTimeout(() => placeOrder(t.db, input).then((r) => resolve({ key, orderId: r.orderId }), reject), random.int(0, 4)),
        );
      });
      const made = await Promise.all(submits);
      const byKey = new Map<string, Set<number>>();
      for (const m of made) byKey.set(m.key, (byKey.get(m.key) ?? new Set()).add(m.orderId));
      expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
    }
  }, 60_000);

  // Needs real connections: on PGlite (one connection) nothing waits on anything.
  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    "never wait in the process while holding rows an admin holding the ledger may need",
    async () => {
      // An admin holds the ledger lock; batch 1 waits for it; batch 2 has
      // inserted an order of seller S; then the admin locks S's row. Batch 2 must
      // be waiting for the ledger inside PostgreSQL (which sees the cycle and
      // breaks it), not in this process behind batch 1 (a hang nobody detects).
      const seller = co.ids[90]!;
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
      const input = (i: number, sellerId: number): PlaceOrderInput => ({
        sellerId,
        kind: "personal",
        items: [{ productId: co.productIds[0]!, quantity: 1 }],
        idempotencyKey: `admin-race-${i}`,
        at: now,
      });
      let first: Promise<unknown> = Promise.resolve();
      let second: Promise<unknown> = Promise.resolve();
      const admin = t.db
        .transaction(async (tx) => {
          await lockLedger(tx);
          first = placeOrder(t.db, input(1, co.ids[91]!));
          await waiting(1);
          second = placeOrder(t.db, input(2, seller));
          await waiting(2);
          await tx.execute(sql`select id from distributors where id = ${seller} for update`);
        })
        .catch((error: unknown) => error);
      const outcome = await admin;
      // PostgreSQL broke the cycle: either side may have been the victim.
      if (outcome instanceof Error) expect(String((outcome as { cause?: unknown }).cause ?? outcome)).toMatch(/deadlock/);
      const placed = await Promise.all([first, second]);
      expect(placed).toHaveLength(2);
      await expectFullRun((placed[0] as { periodId: number }).periodId);
    },
    30_000,
  );

  it("place the others alone when one order breaks the batch's transaction", async () => {
    // A database error (not a refusal) for one order rolls its batch back.
    await t.db.execute(sql.raw("create function test_refuse_boom() returns trigger as $$ begin raise exception 'boom'; end; $$ language plpgsql"));
    await t.db.execute(
      sql.raw("create trigger test_refuse_boom before insert on orders for each row when (new.customer_name = 'Boom') execute function test_refuse_boom()"),
    );
    try {
      const input = (i: number): PlaceOrderInput => ({
        sellerId: co.ids[20 + i]!,
        kind: "retail",
        items: [{ productId: co.productIds[1]!, quantity: 1 }],
        idempotencyKey: `boom-${i}`,
        at: now,
        customer: { name: i === 2 ? "Boom" : "Fine", email: "c@example.net" },
      });
      const settled = await Promise.allSettled([0, 1, 2, 3].map((i) => placeOrder(t.db, input(i))));
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
      expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(/boom/);
      const made = await t.db
        .select({ id: orders.id })
        .from(orders)
        .where(sql`${orders.idempotencyKey} like 'boom-%'`);
      expect(made).toHaveLength(3);
      await expectFullRun((settled[0] as PromiseFulfilledResult<{ periodId: number }>).value.periodId);
    } finally {
      await t.db.execute(sql.raw("drop trigger test_refuse_boom on orders"));
      await t.db.execute(sql.raw("drop function test_refuse_boom()"));
    }
  });
});
