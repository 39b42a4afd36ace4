import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionLedger, commissionPeriods, distributors, orders } from "@/db/schema";
import { createRandom } from "@/db/seed/random";
import { closePeriod } from "@/lib/ledger/close";
import { loadPeriodData, recomputePeriod, runPeriod } from "@/lib/ledger/full-run";
import { reconcileOpenPeriods, reconcilePeriod } from "@/lib/ledger/reconcile";
import { resultDigests } from "@/lib/ledger/storage";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { OrderError } from "./errors";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { refundOrder } from "./refund";

let t: TestDatabase;
let co: TestCompany;
const now = new Date("2026-11-15T10:00:00Z");
let keyCounter = 0;
const key = () => `test-${++keyCounter}`;

// A tree with long inactive chains, so compression and activations matter:
// 0 <- 1 <- 2 <- 3 <- 4 <- 5, side legs under 1 and 3, a deep leg under 5.
const sponsors = [null, 0, 1, 2, 3, 4, 1, 6, 3, 8, 5, 10, 11, 12, 0, 14];

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
});
afterAll(async () => {
  await t?.destroy();
});

async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) {
    expect(r.differences, `period ${r.startsOn}`).toEqual([]);
    // Every writer keeps the orders' digests equal to a full run's: a full run then reads no lines back.
    const data = await loadPeriodData(t.db, r.periodId);
    expect(Array.from(data.storedDigests)).toEqual(Array.from(resultDigests(data, runPeriod(data, true))));
  }
}

async function statsOf(periodId: number) {
  return queryRows<{ distributor_id: number; pv: number; gv: number; active: boolean; rank_position: number | null }>(
    t.db,
    sql`select distributor_id, pv::float8 as pv, gv::float8 as gv, active, rank_position from distributor_period_stats
        where period_id = ${periodId} and gv <> 0 order by distributor_id`,
  );
}

describe("placing and refunding orders keeps the open period equal to a full run", () => {
  it("after every step of a random sequence of orders and refunds", async () => {
    const random = createRandom(42);
    const placed: number[] = [];
    for (let step = 0; step < 70; step++) {
      if (placed.length > 3 && random.chance(0.2)) {
        const victim = placed.splice(random.int(0, placed.length - 1), 1)[0]!;
        await refundOrder(t.db, victim, { reason: "test", at: now });
      } else {
        const items = [{ productId: random.pick(co.productIds), quantity: random.int(1, 3) }];
        const kind = random.chance(0.3) ? "retail" : "personal";
        const r = await placeDemoPaidOrder(t.db, { sellerId: random.pick(co.ids), kind, items, idempotencyKey: key(), at: now });
        expect(r.created).toBe(true);
        placed.push(r.orderId);
      }
      await expectReconciled();
    }
  });

  it("keeps the volume snapshot equal to a full run's", async () => {
    const [period] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2026-11-01"));
    const incremental = await statsOf(period!.id);
    await recomputePeriod(t.db, period!.id);
    expect(await statsOf(period!.id)).toEqual(incremental);
  });

  it("defers a large recompute to a background full run and flags the period", async () => {
    // A tiny sync limit forces the deferral an activation high in the tree causes.
    const root = co.ids[0]!;
    const r1 = await placeDemoPaidOrder(
      t.db,
      { sellerId: root, kind: "personal", items: [{ productId: co.productIds[2]!, quantity: 2 }], idempotencyKey: key(), at: now },
      { syncLimit: 0 },
    );
    const [period] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, r1.periodId));
    // The root was active already, or became so: either way its own lines are right.
    if (r1.deferred) {
      expect(period!.needsRecompute).toBe(true);
      await recomputePeriod(t.db, r1.periodId);
    }
    await expectReconciled();
    const leaf = co.ids[13]!;
    const refund = await refundOrder(t.db, r1.orderId, { reason: "test", at: now, syncLimit: 0 });
    expect(refund.effect).toBe("removed");
    if (refund.deferred) await recomputePeriod(t.db, r1.periodId);
    await placeDemoPaidOrder(t.db, { sellerId: leaf, kind: "retail", items: [{ productId: co.productIds[0]!, quantity: 1 }], idempotencyKey: key(), at: now });
    await expectReconciled();
    const [after] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, r1.periodId));
    expect(after!.needsRecompute).toBe(false);
  });
});

describe("idempotency and validation", () => {
  it("one key makes one order, even when submitted again", async () => {
    const input = {
      sellerId: co.ids[4]!,
      kind: "personal" as const,
      items: [{ productId: co.productIds[1]!, quantity: 1 }],
      idempotencyKey: "same-key",
      at: now,
    };
    const first = await placeDemoPaidOrder(t.db, input);
    const again = await placeDemoPaidOrder(t.db, input);
    expect(again).toEqual({ ...first, created: false, confirmed: false, deferred: false });
    const rows = await t.db.select().from(orders).where(eq(orders.idempotencyKey, "same-key"));
    expect(rows).toHaveLength(1);
  });

  it("refuses another seller's key, unknown products, bad quantities and a closed account, writing nothing", async () => {
    const count = async () => (await t.db.select().from(orders)).length;
    const before = await count();
    const base = { kind: "personal" as const, at: now };
    await expect(
      placeDemoPaidOrder(t.db, { ...base, sellerId: co.ids[5]!, items: [{ productId: co.productIds[0]!, quantity: 1 }], idempotencyKey: "same-key" }),
    ).rejects.toThrow(OrderError);
    await expect(
      placeDemoPaidOrder(t.db, { ...base, sellerId: co.ids[5]!, items: [{ productId: 999_999, quantity: 1 }], idempotencyKey: key() }),
    ).rejects.toThrow(/no longer available/);
    await expect(
      placeDemoPaidOrder(t.db, { ...base, sellerId: co.ids[5]!, items: [{ productId: co.productIds[0]!, quantity: 100 }], idempotencyKey: key() }),
    ).rejects.toThrow(/between 1 and 99/);
    await expect(placeDemoPaidOrder(t.db, { ...base, sellerId: co.ids[5]!, items: [], idempotencyKey: key() })).rejects.toThrow(/empty/);
    await t.db.update(distributors).set({ status: "terminated" }).where(eq(distributors.id, co.ids[15]!));
    await expect(
      placeDemoPaidOrder(t.db, { ...base, sellerId: co.ids[15]!, items: [{ productId: co.productIds[0]!, quantity: 1 }], idempotencyKey: key() }),
    ).rejects.toThrow(/closed/);
    await t.db.update(distributors).set({ status: "active" }).where(eq(distributors.id, co.ids[15]!));
    expect(await count()).toBe(before);
  });
});

describe("closing a period", () => {
  it("freezes its ledger, sends later orders to the next period, and claws back refunds", async () => {
    const [november] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2026-11-01"));
    const paid = await t.db.select().from(orders).where(eq(orders.status, "paid"));
    const withLines = paid.find((o) => o.periodId === november!.id && o.kind === "retail")!;
    await closePeriod(t.db, november!.id);
    expect((await reconcilePeriod(t.db, november!.id)).differences).toEqual([]);

    // Database-enforced: a closed period's lines cannot be changed or removed.
    await expect(t.db.update(commissionLedger).set({ amountCents: 1 }).where(eq(commissionLedger.periodId, november!.id))).rejects.toThrow();
    await expect(t.db.delete(commissionLedger).where(eq(commissionLedger.periodId, november!.id))).rejects.toThrow();
    await expect(t.db.update(commissionPeriods).set({ status: "open" }).where(eq(commissionPeriods.id, november!.id))).rejects.toThrow();

    const later = await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[3]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: key(),
      at: now,
    });
    expect(later.periodId).not.toBe(november!.id);
    const [next] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, later.periodId));
    expect(next!.startsOn).toBe("2026-12-01");

    const frozen = await t.db.select().from(commissionLedger).where(eq(commissionLedger.orderId, withLines.id));
    expect(frozen.length).toBeGreaterThan(0);
    const refund = await refundOrder(t.db, withLines.id, { reason: "customer changed their mind", at: now });
    expect(refund.effect).toBe("clawback");
    const lines = await t.db.select().from(commissionLedger).where(eq(commissionLedger.orderId, withLines.id));
    const commissions = lines.filter((l) => l.kind === "commission");
    const clawbacks = lines.filter((l) => l.kind === "clawback");
    expect(commissions).toEqual(frozen);
    expect(clawbacks.every((c) => c.periodId === later.periodId)).toBe(true);
    expect(clawbacks.reduce((s, c) => s + c.amountCents, 0) + commissions.reduce((s, c) => s + c.amountCents, 0)).toBe(0);
    await expect(refundOrder(t.db, withLines.id, { reason: "again", at: now })).rejects.toThrow(/already refunded/);
    await expectReconciled();
  });
});
