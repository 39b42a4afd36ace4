import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { checkoutSettings, commissionPeriods, orders, type ShippingAddress } from "@/db/schema";
import { closePeriod } from "@/lib/ledger/close";
import { ledgerLines, loadPeriodData, runPeriod } from "@/lib/ledger/full-run";
import { reconcileOpenPeriods, reconcilePeriod } from "@/lib/ledger/reconcile";
import { resultDigests } from "@/lib/ledger/storage";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { confirmPayment } from "./confirm";
import { createOrder } from "./create";
import { OrderError } from "./errors";
import { expireUnpaidOrders } from "./expire";
import type { NewOrderInput } from "./job";
import { refundOrder } from "./refund";

// An order's two steps, whatever the provider: created unpaid (createOrder), it
// counts nowhere; confirmed paid (confirmPayment), it counts exactly as a full
// run says, in the period of its payment. Refused confirmations, refunded
// orders and the expiry of unpaid orders change nothing in the books.

let t: TestDatabase;
let co: TestCompany;

// smallPlan (active at 50 PV; Member 0/0 pays 1 level, Silver 50 PV / 200 GV pays 3;
// retail 20% at level 0; levels 10%, 5%, 3%; compression):
//   0 ── 1 ── 2 ── 3 ── 4
//        └── 5
const sponsors = [null, 0, 1, 2, 3, 1];
const november = new Date("2026-11-10T12:00:00Z");
const us: ShippingAddress = { name: "A Buyer", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
// createCompany ships to Canada for 7.50.
const ca: ShippingAddress = { name: "A Buyer", line1: "1 Queen Street", city: "Toronto", region: "ON", postalCode: "M5H 2N2", country: "CA" };

let keys = 0;
const product = (i: 0 | 1 | 2) => co.productIds[i]!;
const seller = (i: number) => co.ids[i]!;

function create(sellerIndex: number, productIndex: 0 | 1 | 2, at: Date, over: Partial<NewOrderInput> = {}) {
  return createOrder(t.db, {
    sellerId: seller(sellerIndex),
    kind: "personal",
    items: [{ productId: product(productIndex), quantity: 1 }],
    idempotencyKey: `life-${++keys}`,
    shippingAddress: us,
    provider: "demo",
    at,
    ...over,
  });
}

const confirm = (orderId: number, amountCents: number, at: Date) =>
  confirmPayment(t.db, { orderId, provider: "demo", reference: `ref-${orderId}-${at.getTime()}`, amountCents, at });

async function pay(sellerIndex: number, productIndex: 0 | 1 | 2, at: Date, over: Partial<NewOrderInput> = {}) {
  const made = await create(sellerIndex, productIndex, at, over);
  return confirm(made.orderId, made.totalCents, at);
}

const orderRow = async (id: number) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const periodStarting = async (startsOn: string) => (await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, startsOn)))[0];

/** Everything an order can change once counted: every ledger line, every volume and rank row, the periods. */
async function books() {
  return {
    lines: await queryRows(
      t.db,
      sql`select period_id, order_id, beneficiary_id, level, kind, amount_cents::float8 as amount from commission_ledger order by id`,
    ),
    stats: await queryRows(
      t.db,
      sql`select period_id, distributor_id, pv::float8 as pv, gv::float8 as gv, active, rank_position from distributor_period_stats
          order by period_id, distributor_id`,
    ),
    periods: await queryRows(t.db, sql`select id, starts_on::text, status, needs_recompute from commission_periods order by id`),
  };
}

/** What a full run of the period computes: its orders, every distributor's volumes and rank, every line. */
async function fullRun(periodId: number) {
  const data = await loadPeriodData(t.db, periodId);
  const run = runPeriod(data, true);
  return {
    orders: Array.from(data.orderIds),
    pv: Array.from(run.pv),
    gv: Array.from(run.gv),
    active: Array.from(run.active),
    rank: Array.from(run.rank),
    lines: ledgerLines(data, run),
  };
}

/** The period's ledger and volumes are exactly a full run's: every line, every order's digest, every distributor's row. */
async function expectExact(periodId: number) {
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
    if (run.gv[i] === 0 && !byId.has(id)) return;
    expect({ id, ...byId.get(id) }).toEqual({ id, pv: run.pv[i], gv: run.gv[i], active: run.active[i] === 1, rank: run.rank[i]! < 0 ? null : run.rank[i] });
  });
}

/** An order's commission lines as (beneficiary index, level, amount), by level. */
async function linesOf(orderId: number) {
  const rows = await queryRows<{ beneficiary_id: number; level: number; amount: number; kind: string; period_id: number }>(
    t.db,
    sql`select beneficiary_id, level, amount_cents::float8 as amount, kind, period_id from commission_ledger where order_id = ${orderId} order by level, kind`,
  );
  return rows.map((r) => ({ who: co.ids.indexOf(r.beneficiary_id), level: r.level, amount: r.amount, kind: r.kind, periodId: r.period_id }));
}

const statOf = async (periodId: number, index: number) =>
  (
    await queryRows<{ pv: number; gv: number; active: boolean; rank: number | null }>(
      t.db,
      sql`select pv::float8 as pv, gv::float8 as gv, active, rank_position as rank from distributor_period_stats
          where period_id = ${periodId} and distributor_id = ${seller(index)}`,
    )
  )[0] ?? null;

let novemberId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  // 1 active (120 PV) with 2's 40 PV below it: GV 160, Member (pays 1 level).
  novemberId = (await pay(1, 2, november)).periodId;
  await pay(2, 1, november);
});
afterAll(async () => {
  await t?.destroy();
});

describe("an unpaid order", () => {
  let pending = { orderId: 0, totalCents: 0 };

  it("is recorded with its totals and payment window, and counts nowhere", async () => {
    const before = await books();
    const runBefore = await fullRun(novemberId);
    expect(runBefore.orders).toHaveLength(2);
    // A retail sale of 4 (120 PV, CV 80.01) shipped to Canada (7.50).
    const made = await create(4, 2, november, { kind: "retail", shippingAddress: ca, customer: { name: "Retail Buyer", email: "buyer@example.net" } });
    expect(made).toMatchObject({ created: true, totalCents: 9999 + 750 });
    pending = made;
    const row = await orderRow(made.orderId);
    expect(row).toMatchObject({
      status: "pending_payment",
      periodId: null,
      paidAt: null,
      subtotalCents: 9999,
      shippingCents: 750,
      totalCents: 10749,
      pv: 120,
      cvCents: 8001,
      paymentProvider: "demo",
      paymentReference: null,
      ledgerDigest: 0,
    });
    expect(row.expiresAt).toEqual(new Date(november.getTime() + 24 * 3600_000));
    // No line, no volume, no rank, and a full run of the period does not see it.
    expect(await books()).toEqual(before);
    expect(await fullRun(novemberId)).toEqual(runBefore);
    expect(await linesOf(made.orderId)).toEqual([]);
    expect(await statOf(novemberId, 1)).toEqual({ pv: 120, gv: 160, active: true, rank: 0 });
    expect(await statOf(novemberId, 4)).toBeNull();
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
    await expectExact(novemberId);
  });

  it("is refused a confirmation of the wrong amount, provider or order, which changes nothing", async () => {
    const before = await books();
    const attempt = (over: object) =>
      confirmPayment(t.db, { orderId: pending.orderId, provider: "demo", reference: "wrong", amountCents: pending.totalCents, at: november, ...over });
    // The subtotal without the shipping, a cent more, another provider, an order that does not exist.
    await expect(attempt({ amountCents: 9999 })).rejects.toThrow(/not the order's total/);
    await expect(attempt({ amountCents: pending.totalCents + 1 })).rejects.toThrow(OrderError);
    await expect(attempt({ provider: "stripe" })).rejects.toThrow(/not paid through this payment provider/);
    await expect(attempt({ orderId: pending.orderId + 10_000 })).rejects.toThrow(/does not exist/);
    expect(await books()).toEqual(before);
    expect(await orderRow(pending.orderId)).toMatchObject({ status: "pending_payment", periodId: null, paidAt: null, paymentReference: null });
  });

  it("counts once confirmed: volumes, rank and the upline's lines, exactly as a full run says", async () => {
    const paidAt = new Date("2026-11-11T09:30:00Z");
    const paid = await confirmPayment(t.db, { orderId: pending.orderId, provider: "demo", reference: "demo_ch_life", amountCents: 10749, at: paidAt });
    expect(paid).toEqual({ orderId: pending.orderId, confirmed: true, deferred: false, periodId: novemberId });
    expect(await orderRow(pending.orderId)).toMatchObject({
      status: "paid",
      periodId: novemberId,
      paidAt,
      paymentReference: "demo_ch_life",
      paymentError: null,
      expiresAt: null,
    });
    // 4 earns 20% of its retail sale; 3 and 2 are inactive (compressed away); 1,
    // now Silver (GV 280), earns level 1; the root is inactive. CV 8001, not the total paid.
    expect(await linesOf(pending.orderId)).toEqual([
      { who: 4, level: 0, amount: 1600, kind: "commission", periodId: novemberId },
      { who: 1, level: 1, amount: 800, kind: "commission", periodId: novemberId },
    ]);
    expect(await statOf(novemberId, 1)).toEqual({ pv: 120, gv: 280, active: true, rank: 1 });
    expect(await statOf(novemberId, 4)).toEqual({ pv: 120, gv: 120, active: true, rank: 0 });
    expect(await statOf(novemberId, 3)).toEqual({ pv: 0, gv: 120, active: false, rank: 0 });
    const run = await fullRun(novemberId);
    expect(run.orders).toContain(pending.orderId);
    expect(
      run.lines.filter((l) => l.orderId === pending.orderId).map((l) => ({ who: co.ids.indexOf(l.beneficiaryId), level: l.level, amount: l.amountCents })),
    ).toEqual([
      { who: 4, level: 0, amount: 1600 },
      { who: 1, level: 1, amount: 800 },
    ]);
    await expectExact(novemberId);
  });

  it("is not paid twice by a repeated confirmation", async () => {
    const before = await books();
    const again = await confirmPayment(t.db, { orderId: pending.orderId, provider: "demo", reference: "demo_ch_other", amountCents: 10749, at: november });
    expect(again).toEqual({ orderId: pending.orderId, confirmed: false, deferred: false, periodId: novemberId });
    expect(await books()).toEqual(before);
    expect((await orderRow(pending.orderId)).paymentReference).toBe("demo_ch_life");
  });

  it("cannot be confirmed once refunded or cancelled", async () => {
    const refundAt = new Date("2026-11-12T10:00:00Z");
    await refundOrder(t.db, pending.orderId, { reason: "returned", at: refundAt });
    const cancelled = await pay(5, 0, november);
    await refundOrder(t.db, cancelled.orderId, { reason: "cooling-off", status: "cancelled", at: refundAt });
    await expectExact(novemberId);
    const before = await books();
    await expect(confirm(pending.orderId, 10749, refundAt)).rejects.toThrow(/already refunded/);
    await expect(confirm(cancelled.orderId, 1000, refundAt)).rejects.toThrow(/already cancelled/);
    expect(await books()).toEqual(before);
    expect((await orderRow(pending.orderId)).status).toBe("refunded");
    expect((await orderRow(cancelled.orderId)).status).toBe("cancelled");
  });
});

describe("expiry of unpaid orders", () => {
  const t0 = new Date("2026-11-16T08:00:00Z");
  const hours = (h: number, from = t0) => new Date(from.getTime() + h * 3600_000);
  const expiredIds: number[] = [];

  it("expires only the orders past the end of their window (24 h by default), and they count nothing", async () => {
    const a = await create(3, 0, t0);
    const b = await create(3, 0, hours(1));
    // Declined once: still waiting for a payment, so it expires too.
    const c = await create(5, 1, t0);
    await t.db.update(orders).set({ status: "payment_failed", paymentError: "Your card was declined." }).where(eq(orders.id, c.orderId));
    const paid = await pay(5, 2, t0);
    expect((await orderRow(a.orderId)).expiresAt).toEqual(hours(24));
    const before = await books();
    const runBefore = await fullRun(novemberId);

    expect(await expireUnpaidOrders(t.db, new Date(hours(24).getTime() - 1))).toEqual([]);
    expect((await expireUnpaidOrders(t.db, hours(24))).sort((x, y) => x - y)).toEqual([a.orderId, c.orderId]);
    expect(await expireUnpaidOrders(t.db, hours(24))).toEqual([]);
    expect((await orderRow(a.orderId)).status).toBe("expired");
    expect((await orderRow(c.orderId)).status).toBe("expired");
    expect((await orderRow(b.orderId)).status).toBe("pending_payment");
    expect((await orderRow(paid.orderId)).status).toBe("paid");
    expect(await expireUnpaidOrders(t.db, hours(25))).toEqual([b.orderId]);
    // Paid, refunded and cancelled orders never expire, however late.
    expect(await expireUnpaidOrders(t.db, hours(24 * 365))).toEqual([]);

    expect(await books()).toEqual(before);
    expect(await fullRun(novemberId)).toEqual(runBefore);
    await expectExact(novemberId);
    expiredIds.push(a.orderId, b.orderId);
  });

  it("follows the window set in the checkout settings, fixed when the order is made", async () => {
    const t1 = new Date("2026-11-18T08:00:00Z");
    const early = await create(3, 0, t1);
    await t.db.update(checkoutSettings).set({ pendingOrderMinutes: 45 }).where(eq(checkoutSettings.id, 1));
    try {
      const late = await create(3, 0, t1);
      expect((await orderRow(late.orderId)).expiresAt).toEqual(new Date(t1.getTime() + 45 * 60_000));
      expect(await expireUnpaidOrders(t.db, new Date(t1.getTime() + 44 * 60_000))).toEqual([]);
      // The earlier order keeps the 24 hours it was given.
      expect(await expireUnpaidOrders(t.db, new Date(t1.getTime() + 45 * 60_000))).toEqual([late.orderId]);
      expect(await expireUnpaidOrders(t.db, hours(24, t1))).toEqual([early.orderId]);
    } finally {
      await t.db.update(checkoutSettings).set({ pendingOrderMinutes: 1440 }).where(eq(checkoutSettings.id, 1));
    }
  });

  it("honours a provider's late confirmation of an expired order: the buyer paid, so it counts", async () => {
    const [a] = expiredIds;
    const at = hours(26);
    const before = await statOf(novemberId, 3);
    const paid = await confirm(a!, 1000, at);
    expect(paid).toEqual({ orderId: a, confirmed: true, deferred: false, periodId: novemberId });
    expect(await orderRow(a!)).toMatchObject({ status: "paid", periodId: novemberId, paidAt: at, expiresAt: null });
    expect(await statOf(novemberId, 3)).toEqual({ ...before!, pv: before!.pv + 20, gv: before!.gv + 20 });
    await expectExact(novemberId);
  });
});

describe("the period of a paid order", () => {
  it("is the next open one when the payment's month was closed while the order waited", async () => {
    // January 2027 has an order, and another waits for its payment when January closes.
    const january = (await pay(5, 2, new Date("2027-01-05T12:00:00Z"))).periodId;
    const waiting = await create(4, 1, new Date("2027-01-30T10:00:00Z"));
    await closePeriod(t.db, january);
    const frozen = await queryRows(t.db, sql`select * from commission_ledger where period_id = ${january} order by id`);
    const paidAt = new Date("2027-01-31T09:00:00Z");
    const paid = await confirm(waiting.orderId, waiting.totalCents, paidAt);
    const february = await periodStarting("2027-02-01");
    expect(february?.status).toBe("open");
    expect(paid).toMatchObject({ confirmed: true, periodId: february!.id });
    // Paid on January 31 (as the provider said), counted in February.
    expect(await orderRow(waiting.orderId)).toMatchObject({ status: "paid", periodId: february!.id, paidAt });
    expect(await queryRows(t.db, sql`select * from commission_ledger where period_id = ${january} order by id`)).toEqual(frozen);
    expect((await fullRun(february!.id)).orders).toEqual([waiting.orderId]);
    expect((await linesOf(waiting.orderId)).every((l) => l.periodId === february!.id)).toBe(true);
    expect(await statOf(february!.id, 4)).toMatchObject({ pv: 40 });
    await expectExact(february!.id);
    expect((await reconcilePeriod(t.db, january)).differences).toEqual([]);
  });

  it("is the month of its payment, not of its creation", async () => {
    const march = (await pay(1, 2, new Date("2027-03-10T12:00:00Z"))).periodId;
    const marchRun = await fullRun(march);
    const createdAt = new Date("2027-03-31T23:59:00Z");
    const made = await create(2, 2, createdAt);
    const paidAt = new Date("2027-04-01T00:01:00Z");
    const paid = await confirm(made.orderId, made.totalCents, paidAt);
    const april = await periodStarting("2027-04-01");
    expect(paid).toMatchObject({ confirmed: true, periodId: april!.id });
    expect(await orderRow(made.orderId)).toMatchObject({ createdAt, paidAt, periodId: april!.id });
    // March is as it was; April counts the order (2's 120 PV there).
    expect(await fullRun(march)).toEqual(marchRun);
    expect((await fullRun(april!.id)).orders).toEqual([made.orderId]);
    expect(await statOf(april!.id, 2)).toMatchObject({ pv: 120, active: true });
    expect(await statOf(march, 2)).toBeNull();
    await expectExact(march);
    await expectExact(april!.id);

    // And the other way round: made in the evening, paid before midnight UTC, it stays in March.
    const evening = await create(2, 0, new Date("2027-03-31T20:00:00Z"));
    expect(await confirm(evening.orderId, evening.totalCents, new Date("2027-03-31T23:59:59.999Z"))).toMatchObject({ confirmed: true, periodId: march });
    await expectExact(march);
  });
});
