import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionLedger, commissionPeriods } from "@/db/schema";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { refundOrder } from "@/lib/orders/refund";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createRandom } from "@/db/seed/random";
import { createCompany, smallPlan, type TestCompany } from "@/tests/fixtures/company";
import { closePeriod } from "./close";
import { loadPeriodData, recomputePeriod, runPeriod } from "./full-run";
import { applyOrderChange } from "./incremental/change";
import { PeriodClosedError, PlanChangedError } from "./incremental/errors";
import { loadPlan } from "./plan";
import { reconcilePeriod } from "./reconcile";
import { resultDigests } from "./storage";

let t: TestDatabase;
let co: TestCompany;
let periodId: number;
const now = new Date("2026-11-15T10:00:00Z");
let n = 0;
const order = (seller: number, product: number, options: { kind?: "personal" | "retail"; syncLimit?: number } = {}) =>
  placeDemoPaidOrder(
    t.db,
    {
      sellerId: co.ids[seller]!,
      kind: options.kind ?? "personal",
      items: [{ productId: co.productIds[product]!, quantity: 1 }],
      idempotencyKey: `rw-${++n}`,
      at: now,
    },
    { syncLimit: options.syncLimit },
  );

// Root 0 (inactive until the deferral test) over a chain with side legs.
const sponsors = [null, 0, 1, 2, 3, 4, 1, 6, 3, 8];

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  // Members 1, 3, 6 and 8 never buy: compression skips them, so lines carry explanations.
  const sellers = [5, 9, 7, 4, 2];
  for (let i = 0; i < 24; i++) periodId = (await order(sellers[i % sellers.length]!, i % 3, { kind: i % 4 === 0 ? "retail" : "personal" })).periodId;
});
afterAll(async () => {
  await t?.destroy();
});

/** The ledger's commission lines without ids and timestamps, in key order. */
const ledger = () =>
  queryRows<Record<string, unknown>>(
    t.db,
    sql`select order_id, beneficiary_id, seller_id, level, generation, rate_bps, amount_cents::float8 as amount, skipped
        from commission_ledger where period_id = ${periodId} and kind = 'commission' order by order_id, level, beneficiary_id`,
  );
const stats = () =>
  queryRows<Record<string, unknown>>(
    t.db,
    sql`select distributor_id, pv::float8 as pv, gv::float8 as gv, active, rank_position from distributor_period_stats where period_id = ${periodId} order by 1`,
  );

describe("a full recompute over a ledger kept up to date", () => {
  it("rewrites nothing when every line is already right, so lines keep their ids", async () => {
    const ids = await t.db.select({ id: commissionLedger.id }).from(commissionLedger).orderBy(commissionLedger.id);
    const r = await recomputePeriod(t.db, periodId);
    expect(r).toMatchObject({ deleted: 0, inserted: 0 });
    expect(r.lines).toBe(ids.length);
    expect(await t.db.select({ id: commissionLedger.id }).from(commissionLedger).orderBy(commissionLedger.id)).toEqual(ids);
  });

  it("repairs exactly the lines and volumes that differ from a full run, whatever column differs", async () => {
    const lines = await ledger();
    const snapshot = (await stats()).filter((s) => s.gv !== 0);
    const explained = await t.db
      .select()
      .from(commissionLedger)
      .where(sql`${commissionLedger.skipped} is not null`)
      .limit(1);
    const plain = await t.db
      .select()
      .from(commissionLedger)
      .where(sql`${commissionLedger.skipped} is null and ${commissionLedger.level} > 0`)
      .limit(2);
    const [a, b] = plain;
    const c = explained[0]!;
    await t.db
      .update(commissionLedger)
      .set({ amountCents: a!.amountCents + 1 })
      .where(eq(commissionLedger.id, a!.id));
    await t.db.update(commissionLedger).set({ skipped: "1" }).where(eq(commissionLedger.id, b!.id));
    // Same skipped ids, another reason: only the explanation differs.
    const terminated = c
      .skipped!.split(",")
      .map((s) => `${s.replace(/t$/, "")}t`)
      .join(",");
    expect(terminated).not.toBe(c.skipped);
    await t.db.update(commissionLedger).set({ skipped: terminated }).where(eq(commissionLedger.id, c.id));
    const [d] = await t.db
      .select()
      .from(commissionLedger)
      .where(and(eq(commissionLedger.level, 0), eq(commissionLedger.periodId, periodId)))
      .limit(1);
    await t.db.update(commissionLedger).set({ generation: 5 }).where(eq(commissionLedger.id, d!.id));
    const [gone] = await t.db
      .select()
      .from(commissionLedger)
      .where(eq(commissionLedger.level, 1))
      .orderBy(sql`id desc`)
      .limit(1);
    await t.db.delete(commissionLedger).where(eq(commissionLedger.id, gone!.id));
    const { id: goneId, ...bogus } = gone!;
    expect(goneId).toBeGreaterThan(0);
    await t.db.insert(commissionLedger).values({ ...bogus, level: 3, amountCents: 1 });
    await t.db.execute(sql`update distributor_period_stats set gv = gv + 1 where period_id = ${periodId} and distributor_id = ${co.ids[1]!}`);
    await t.db.execute(sql`delete from distributor_period_stats where period_id = ${periodId} and distributor_id = ${co.ids[2]!}`);
    await t.db.execute(
      sql`update distributor_period_stats set pv = 0, gv = 0, active = false, rank_position = null where period_id = ${periodId} and distributor_id = ${co.ids[9]!}`,
    );
    expect((await reconcilePeriod(t.db, periodId)).differences.length).toBe(3);

    // Lines changed behind the ledger's back leave the orders' digests as they were:
    // comparing digests finds nothing to do; comparing lines repairs them.
    expect(await recomputePeriod(t.db, periodId)).toMatchObject({ deleted: 0, inserted: 0 });
    const r = await recomputePeriod(t.db, periodId, { compare: "lines" });
    expect(r).toMatchObject({ deleted: 5, inserted: 5 });
    expect(await ledger()).toEqual(lines);
    expect(await stats()).toEqual(snapshot);
    expect((await reconcilePeriod(t.db, periodId)).differences).toEqual([]);
  });

  it("compares the lines of an order whose digest differs, and only those", async () => {
    const lines = await ledger();
    const [line] = await t.db
      .select()
      .from(commissionLedger)
      .where(and(eq(commissionLedger.periodId, periodId), eq(commissionLedger.kind, "commission")))
      .limit(1);
    await t.db
      .update(commissionLedger)
      .set({ amountCents: line!.amountCents + 7 })
      .where(eq(commissionLedger.id, line!.id));
    await t.db.execute(sql`update orders set ledger_digest = null where id = ${line!.orderId}`);
    expect(await recomputePeriod(t.db, periodId)).toMatchObject({ deleted: 1, inserted: 1 });
    expect(await ledger()).toEqual(lines);
    const [order] = await queryRows<{ digest: number | null }>(t.db, sql`select ledger_digest::float8 as digest from orders where id = ${line!.orderId}`);
    expect(order!.digest).not.toBeNull();
    expect(await recomputePeriod(t.db, periodId)).toMatchObject({ deleted: 0, inserted: 0 });
  });

  it("writes every line into an empty ledger, as a first run does", async () => {
    const lines = await ledger();
    await t.db.delete(commissionLedger).where(eq(commissionLedger.periodId, periodId));
    await t.db.execute(sql`delete from distributor_period_stats where period_id = ${periodId}`);
    // As orders loaded in bulk (the large seed) are: no digest yet.
    await t.db.execute(sql`update orders set ledger_digest = null where period_id = ${periodId}`);
    const r = await recomputePeriod(t.db, periodId);
    expect(r).toMatchObject({ deleted: 0, inserted: lines.length });
    expect(await ledger()).toEqual(lines);
  });
});

describe("an activation high in the tree", () => {
  it("recomputes the subtree's orders up to the sync limit and defers above it", async () => {
    // The root is inactive: its own big order activates it, so every order below it is affected.
    const [{ n: below }] = (await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from orders where status = 'paid' and period_id = ${periodId}`,
    )) as [{ n: number }];
    const first = await order(0, 2, { syncLimit: below - 1 });
    expect(first.deferred).toBe(true);
    expect((await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, periodId)))[0]!.needsRecompute).toBe(true);
    expect((await reconcilePeriod(t.db, periodId)).differences.length).toBeGreaterThan(0);
    await recomputePeriod(t.db, periodId);
    // Refunded, the root is inactive again: exactly `below` orders to repay, not over the limit.
    const refund = await refundOrder(t.db, first.orderId, { reason: "test", at: now, syncLimit: below });
    expect(refund.deferred).toBe(false);
    expect((await reconcilePeriod(t.db, periodId)).differences).toEqual([]);
    const again = await order(0, 2, { syncLimit: below });
    expect(again.deferred).toBe(false);
    expect((await reconcilePeriod(t.db, periodId)).differences).toEqual([]);
  });
});

describe("an activation that affects no other order", () => {
  it("is not deferred, whatever the limit: a seller's own state never changes its own orders", async () => {
    const other = await createTestDatabase();
    try {
      // Root (top rank after its orders) over two leaves; each leaf's first order activates only itself.
      const c = await createCompany(other.db, [null, 0, 0]);
      const buy = (seller: number, key: string) =>
        placeDemoPaidOrder(
          other.db,
          { sellerId: c.ids[seller]!, kind: "personal", items: [{ productId: c.productIds[2]!, quantity: 2 }], idempotencyKey: key, at: now },
          { syncLimit: 0 },
        );
      await buy(0, "root-1");
      await buy(1, "leaf-1");
      const leaf = await buy(2, "leaf-2");
      expect(leaf.deferred).toBe(false);
      expect((await reconcilePeriod(other.db, leaf.periodId)).differences).toEqual([]);
    } finally {
      await other.destroy();
    }
  });
});

describe("repaying only the orders whose window reaches a flipped distributor", () => {
  it.each([
    { compression: true, retailMinBps: 0, retailMinCustomers: 0 },
    { compression: false, retailMinBps: 0, retailMinCustomers: 0 },
    { compression: true, retailMinBps: 3000, retailMinCustomers: 0 },
    { compression: false, retailMinBps: 3000, retailMinCustomers: 0 },
    { compression: true, retailMinBps: 0, retailMinCustomers: 2 },
    { compression: false, retailMinBps: 3000, retailMinCustomers: 1 },
  ])(
    "keeps a deep tree under a short plan exact through random orders and refunds (compression $compression, retail rule $retailMinBps bps, $retailMinCustomers customers)",
    async ({ compression, retailMinBps, retailMinCustomers }) => {
      const other = await createTestDatabase();
      try {
        // Long legs (recruits of recent joiners) and two paid levels: most windows end far below a flip.
        const random = createRandom(7);
        const tree = Array.from({ length: 160 }, (_, i) => (i === 0 ? null : Math.max(0, i - 1 - random.int(0, Math.min(i - 1, 6)))));
        const plan = {
          ...smallPlan,
          compression,
          ...(retailMinBps > 0 ? { retailMinBps } : {}),
          ...(retailMinCustomers > 0 ? { retailMinCustomers } : {}),
          levelsBps: [1000, 500],
          ranks: [
            { name: "Member", minPv: 0, minGv: 0, paidLevels: 1 },
            { name: "Silver", minPv: 50, minGv: 300, paidLevels: 2 },
          ],
        };
        const c = await createCompany(other.db, tree, plan);
        const placed: number[] = [];
        let period = 0;
        for (let step = 0; step < 120; step++) {
          if (placed.length > 5 && random.chance(0.15)) {
            await refundOrder(other.db, placed.splice(random.int(0, placed.length - 1), 1)[0]!, { reason: "test", at: now });
          } else {
            const retail = random.chance(0.3);
            // A few customers, met again and again, in either case; now and then an order without one.
            const email = ["ann@example.net", "Ann@Example.net", "bob@example.net", "cy@example.net", null][random.int(0, 4)]!;
            const r = await placeDemoPaidOrder(other.db, {
              // Retail orders mostly by the top of the tree, so customer counts cross the rule and repay the orders below.
              sellerId: c.ids[retail && random.chance(0.7) ? random.int(0, 15) : random.int(0, tree.length - 1)]!,
              kind: retail ? "retail" : "personal",
              ...(retail && email !== null ? { customer: { name: "A customer", email } } : {}),
              items: [{ productId: c.productIds[random.int(0, 2)]!, quantity: random.int(1, 2) }],
              idempotencyKey: `deep-${step}`,
              at: now,
            });
            placed.push(r.orderId);
            period = r.periodId;
          }
          if (step % 20 === 19) {
            expect((await reconcilePeriod(other.db, period)).differences).toEqual([]);
            // The orders' digests stay a full run's too (repays write only what differs).
            const data = await loadPeriodData(other.db, period);
            expect(Array.from(data.storedDigests)).toEqual(Array.from(resultDigests(data, runPeriod(data, true))));
            // The snapshot's retail customers (what the next order's chain reads) are the full run's.
            const stored = await queryRows<{ distributor_id: number; n: number }>(
              other.db,
              sql`select distributor_id, retail_customers as n from distributor_period_stats where period_id = ${period} and retail_customers > 0 order by 1`,
            );
            const expected = Array.from(data.ids)
              .map((id, i) => ({ distributor_id: id, n: data.retailCustomersByDistributor[i]! }))
              .filter((r) => r.n > 0);
            expect(stored).toEqual(expected);
          }
        }
      } finally {
        await other.destroy();
      }
    },
  );
});

describe("a plan published while an order waited for the lock", () => {
  it("is refused before anything is written, so the order loads the new plan", async () => {
    const [period] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, periodId));
    const plan = await loadPlan(t.db, period!.planId);
    const [placed] = await queryRows<{ id: number; pv: number; seller_id: number }>(
      t.db,
      sql`select id, pv, seller_id from orders where status = 'paid' order by id limit 1`,
    );
    const before = await stats();
    await expect(
      t.db.transaction((tx) =>
        applyOrderChange(
          tx,
          periodId,
          plan,
          { orderId: placed!.id, sellerId: placed!.seller_id, pvDelta: placed!.pv, retailPvDelta: 0, fresh: true },
          undefined,
          {
            planId: period!.planId + 1,
          },
        ),
      ),
    ).rejects.toBeInstanceOf(PlanChangedError);
    expect(await stats()).toEqual(before);
  });
});

describe("a period closed while an order waited for the lock", () => {
  it("is refused before anything is written", async () => {
    const [period] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, periodId));
    const plan = await loadPlan(t.db, period!.planId);
    const [placed] = await queryRows<{ id: number; pv: number; seller_id: number }>(
      t.db,
      sql`select id, pv, seller_id from orders where status = 'paid' order by id limit 1`,
    );
    await closePeriod(t.db, periodId);
    const before = await stats();
    await expect(
      t.db.transaction((tx) =>
        applyOrderChange(tx, periodId, plan, { orderId: placed!.id, sellerId: placed!.seller_id, pvDelta: placed!.pv, retailPvDelta: 0, fresh: true }),
      ),
    ).rejects.toBeInstanceOf(PeriodClosedError);
    expect(await stats()).toEqual(before);
    // A new order at the same date goes to the next period.
    const later = await order(3, 1);
    expect(later.periodId).not.toBe(periodId);
  });
});
