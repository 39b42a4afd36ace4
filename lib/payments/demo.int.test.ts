import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { auditLog, demoCharges, orders, users, type ShippingAddress } from "@/db/schema";
import { refundOrderAudited } from "@/lib/admin/orders";
import { closePeriod } from "@/lib/ledger/close";
import { loadPeriodData, runPeriod } from "@/lib/ledger/full-run";
import { reconcileOpenPeriods, reconcilePeriod } from "@/lib/ledger/reconcile";
import { resultDigests } from "@/lib/ledger/storage";
import { createOrder } from "@/lib/orders/create";
import { OrderError } from "@/lib/orders/errors";
import { expireUnpaidOrders } from "@/lib/orders/expire";
import type { NewOrderInput } from "@/lib/orders/job";
import { refundOrder } from "@/lib/orders/refund";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { checkDemoCard, demoCards, demoProvider, payWithDemoCard, placeDemoPaidOrder } from "./demo";
import { PaymentError } from "./provider";
import { returnPayment } from "./refund";

// Demo payments end to end below the UI: the card form's card charged (or
// declined) in demo_charges, the order confirmed paid and counted only on
// success, one charge per form, a second charge racing for a paid order given
// back, and refunds through the demo adapter reversing the lines.

let t: TestDatabase;
let co: TestCompany;
let actorUserId = 0;

// smallPlan (active at 50 PV; Member 0/0 pays 1 level, Silver 50 PV / 200 GV pays 3;
// retail 20% at level 0; levels 10%, 5%, 3%; compression):
//   0 ── 1 ── 2 ── 3
//        └── 4
const sponsors = [null, 0, 1, 2, 1];
const at = new Date("2026-11-12T10:00:00Z");
const us: ShippingAddress = { name: "A Buyer", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
const ca: ShippingAddress = { name: "A Buyer", line1: "1 Queen Street", city: "Toronto", region: "ON", postalCode: "M5H 2N2", country: "CA" };

let keys = 0;
const create = (sellerIndex: number, productIndex: 0 | 1 | 2, over: Partial<NewOrderInput> = {}) =>
  createOrder(t.db, {
    sellerId: co.ids[sellerIndex]!,
    kind: "personal",
    items: [{ productId: co.productIds[productIndex]!, quantity: 1 }],
    idempotencyKey: `demo-order-${++keys}`,
    shippingAddress: us,
    provider: "demo",
    at,
    ...over,
  });

/** The card form's card, checked as the form checks it. */
function digitsOf(number: string): string {
  const checked = checkDemoCard({ number, expiry: "12/30", cvc: "123" }, at);
  if (!checked.ok) throw new Error(checked.message);
  return checked.digits;
}
const success = () => digitsOf(demoCards.success);
const decline = () => digitsOf(demoCards.decline);

let forms = 0;
const pay = (orderId: number, digits: string, over: { idempotencyKey?: string; at?: Date } = {}) =>
  payWithDemoCard(t.db, { orderId, digits, idempotencyKey: over.idempotencyKey ?? `form-${++forms}`, at: over.at ?? at });

const orderRow = async (id: number) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const chargesOf = (orderId: number) => t.db.select().from(demoCharges).where(eq(demoCharges.orderId, orderId)).orderBy(demoCharges.createdAt, demoCharges.id);

async function books() {
  return {
    lines: await queryRows(
      t.db,
      sql`select period_id, order_id, beneficiary_id, level, kind, amount_cents::float8 as amount from commission_ledger order by id`,
    ),
    stats: await queryRows(
      t.db,
      sql`select period_id, distributor_id, pv::float8 as pv, gv::float8 as gv, active, rank_position from distributor_period_stats order by 1, 2`,
    ),
  };
}

/** An order's lines as (beneficiary index, level, amount, kind). */
async function linesOf(orderId: number) {
  const rows = await queryRows<{ beneficiary_id: number; level: number; amount: number; kind: string }>(
    t.db,
    sql`select beneficiary_id, level, amount_cents::float8 as amount, kind from commission_ledger where order_id = ${orderId} order by kind, level`,
  );
  return rows.map((r) => ({ who: co.ids.indexOf(r.beneficiary_id), level: r.level, amount: r.amount, kind: r.kind }));
}

/** Every open period's ledger is a full run's, line for line, digests included. */
async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) {
    expect(r.differences, `period ${r.startsOn}`).toEqual([]);
    const data = await loadPeriodData(t.db, r.periodId);
    expect(Array.from(data.storedDigests)).toEqual(Array.from(resultDigests(data, runPeriod(data, true))));
  }
}

let november = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  [{ id: actorUserId }] = (await t.db.select({ id: users.id }).from(users).limit(1)) as [{ id: number }];
  // 1 is active with 120 PV (Member: its GV is only its own).
  november = (
    await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[1]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: "base",
      at,
    })
  ).periodId;
});
afterAll(async () => {
  await t?.destroy();
});

const paidIds: Record<string, number> = {};

describe("paying with a demo card", () => {
  it("charges the order's total and pays the upline exactly", async () => {
    // A retail sale of 3 (120 PV, CV 80.01), shipped to Canada for 7.50.
    const made = await create(3, 2, { kind: "retail", shippingAddress: ca, customer: { name: "Retail Buyer", email: "buyer@example.net" } });
    expect(made.totalCents).toBe(10749);
    const result = await pay(made.orderId, success(), { idempotencyKey: "form-success" });
    expect(result).toEqual({ kind: "paid", paid: { orderId: made.orderId, confirmed: true, deferred: false, periodId: november } });
    const [charge] = await chargesOf(made.orderId);
    expect(charge).toMatchObject({
      orderId: made.orderId,
      amountCents: 10749,
      refundedCents: 0,
      cardLast4: "4242",
      outcome: "succeeded",
      declineCode: null,
      // The form's key and a digest of the card (a form retried with another card is a new attempt).
      idempotencyKey: expect.stringMatching(/^form-success:[0-9a-f]{16}$/),
      createdAt: at,
      refundedAt: null,
    });
    expect(charge!.id).toMatch(/^demo_ch_[0-9a-f]{24}$/);
    expect(await orderRow(made.orderId)).toMatchObject({ status: "paid", periodId: november, paidAt: at, paymentReference: charge!.id, paymentError: null });
    // 3 earns 20% of the CV at level 0; 2 is inactive (compressed away); 1, now
    // Silver (GV 240), earns level 1; the root is inactive.
    expect(await linesOf(made.orderId)).toEqual([
      { who: 3, level: 0, amount: 1600, kind: "commission" },
      { who: 1, level: 1, amount: 800, kind: "commission" },
    ]);
    expect((await reconcilePeriod(t.db, november)).differences).toEqual([]);
    await expectReconciled();
    paidIds.success = made.orderId;
  });

  it("declines with a clear message, counting nothing, and takes the success card after", async () => {
    const made = await create(4, 1);
    const before = await books();
    // A minute between attempts, as a buyer would take (and an order to the charges).
    const minutes = (m: number) => new Date(at.getTime() + m * 60_000);
    const declined = await pay(made.orderId, decline(), { at: minutes(1) });
    expect(declined).toEqual({ kind: "declined", message: "Your card was declined. Try another card." });
    expect(await orderRow(made.orderId)).toMatchObject({
      status: "payment_failed",
      paymentError: "Your card was declined. Try another card.",
      periodId: null,
      paidAt: null,
      paymentReference: null,
    });
    const poor = await pay(made.orderId, digitsOf(demoCards.insufficientFunds), { at: minutes(2) });
    expect(poor).toEqual({ kind: "declined", message: "Your card has insufficient funds. Try another card." });
    expect((await orderRow(made.orderId)).paymentError).toBe("Your card has insufficient funds. Try another card.");
    expect((await chargesOf(made.orderId)).map((c) => [c.outcome, c.declineCode, c.cardLast4])).toEqual([
      ["declined", "card_declined", "0002"],
      ["declined", "insufficient_funds", "9995"],
    ]);
    expect(await books()).toEqual(before);
    await expectReconciled();

    const retried = await pay(made.orderId, success(), { at: minutes(3) });
    expect(retried).toMatchObject({ kind: "paid", paid: { confirmed: true, periodId: november } });
    const charges = await chargesOf(made.orderId);
    expect(charges.map((c) => c.outcome)).toEqual(["declined", "declined", "succeeded"]);
    expect(await orderRow(made.orderId)).toMatchObject({ status: "paid", paidAt: minutes(3), paymentError: null, paymentReference: charges[2]!.id });
    // 4 (40 PV) stays inactive; 1 earns level 1.
    expect(await linesOf(made.orderId)).toEqual([{ who: 1, level: 1, amount: 277, kind: "commission" }]);
    await expectReconciled();
    paidIds.retried = made.orderId;
  });

  it("refuses, before any charge, an order that expired, is paid already, or is not a demo order", async () => {
    const late = await create(2, 0);
    // The payment window (24 h) is over, though the sweep has not run yet.
    await expect(pay(late.orderId, success(), { at: new Date(at.getTime() + 24 * 3600_000) })).rejects.toThrow(/expired before it was paid/);
    expect(await expireUnpaidOrders(t.db, new Date(at.getTime() + 24 * 3600_000))).toContain(late.orderId);
    await expect(pay(late.orderId, success())).rejects.toThrow(/expired before it was paid/);
    expect(await chargesOf(late.orderId)).toEqual([]);
    expect((await orderRow(late.orderId)).status).toBe("expired");

    await expect(pay(paidIds.success!, success())).rejects.toThrow(/already paid/);
    expect(await chargesOf(paidIds.success!)).toHaveLength(1);
    const stripeOrder = await create(2, 0, { provider: "stripe" });
    await expect(pay(stripeOrder.orderId, success())).rejects.toThrow(/not paid through demo payments/);
    await expect(pay(stripeOrder.orderId + 10_000, success())).rejects.toThrow(OrderError);
    expect(await chargesOf(stripeOrder.orderId)).toEqual([]);
    await expectReconciled();
  });

  it("makes one charge of a form submitted twice, at once or again later", async () => {
    const made = await create(2, 0);
    const twice = await Promise.all([
      pay(made.orderId, success(), { idempotencyKey: "form-twice" }),
      pay(made.orderId, success(), { idempotencyKey: "form-twice" }),
    ]);
    expect(twice.map((r) => r.kind)).toEqual(["paid", "paid"]);
    expect(twice.map((r) => (r.kind === "paid" ? r.paid.confirmed : null)).sort()).toEqual([false, true]);
    const again = await pay(made.orderId, success(), { idempotencyKey: "form-twice" });
    expect(again).toMatchObject({ kind: "paid", paid: { orderId: made.orderId, confirmed: false } });
    const charges = await chargesOf(made.orderId);
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ outcome: "succeeded", refundedCents: 0, refundedAt: null });
    expect((await orderRow(made.orderId)).paymentReference).toBe(charges[0]!.id);
    // A declined form submitted again is still one declined charge.
    const declinedTwice = await create(2, 0);
    await pay(declinedTwice.orderId, decline(), { idempotencyKey: "form-declined" });
    expect(await pay(declinedTwice.orderId, decline(), { idempotencyKey: "form-declined" })).toMatchObject({ kind: "declined" });
    expect(await chargesOf(declinedTwice.orderId)).toHaveLength(1);
    // A form's key belongs to its order: another order's form cannot reuse it.
    await expect(pay(declinedTwice.orderId, success(), { idempotencyKey: "form-twice" })).rejects.toThrow(/form has expired/);
    // The declined form, tried again with another card without reloading the page, pays: a new attempt.
    expect(await pay(declinedTwice.orderId, success(), { idempotencyKey: "form-declined" })).toMatchObject({ kind: "paid", paid: { confirmed: true } });
    expect((await chargesOf(declinedTwice.orderId)).map((c) => c.outcome).sort()).toEqual(["declined", "succeeded"]);
    await expectReconciled();
  });

  it("pays an order once when two forms race, and gives the second charge back", async () => {
    const made = await create(2, 2);
    const seller2Before = (await books()).stats;
    const raced = await Promise.all([pay(made.orderId, success(), { idempotencyKey: "race-a" }), pay(made.orderId, success(), { idempotencyKey: "race-b" })]);
    expect(raced.every((r) => r.kind === "paid")).toBe(true);
    expect(raced.map((r) => (r.kind === "paid" ? r.paid.confirmed : null)).sort()).toEqual([false, true]);
    const charges = await chargesOf(made.orderId);
    expect(charges).toHaveLength(2);
    const kept = charges.filter((c) => c.refundedCents === 0);
    const returned = charges.filter((c) => c.refundedCents > 0);
    expect(kept).toHaveLength(1);
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ refundedCents: returned[0]!.amountCents, refundedAt: at });
    expect((await orderRow(made.orderId)).paymentReference).toBe(kept[0]!.id);
    // Counted once: 2's PV up by 120, not 240.
    const pv2 = (stats: unknown[]) =>
      (stats as { distributor_id: number; period_id: number; pv: number }[]).find((s) => s.distributor_id === co.ids[2] && s.period_id === november)?.pv ?? 0;
    expect(pv2((await books()).stats) - pv2(seller2Before)).toBe(120);
    await expectReconciled();
    paidIds.raced = made.orderId;
  });
});

describe("refunds through the demo adapter", () => {
  const refundAt = new Date("2026-11-20T15:00:00Z");

  it("give the charge back, then reverse the lines", async () => {
    const orderId = paidIds.success!;
    const [charge] = await chargesOf(orderId);
    const reference = await returnPayment(t.db, orderId, refundAt);
    expect(reference).toBe(`${charge!.id}_refund`);
    expect((await chargesOf(orderId))[0]).toMatchObject({ refundedCents: 10749, refundedAt: refundAt });
    // The money is back; the commissions go next.
    expect((await orderRow(orderId)).status).toBe("paid");
    const result = await refundOrder(t.db, orderId, { reason: "returned", at: refundAt, refundReference: reference });
    expect(result).toEqual({ effect: "removed", deferred: false, periodId: november });
    expect(await linesOf(orderId)).toEqual([]);
    expect(await orderRow(orderId)).toMatchObject({ status: "refunded", refundReference: reference, refundReason: "returned", refundedAt: refundAt });
    await expectReconciled();
  });

  it("through an admin's audited refund", async () => {
    const orderId = paidIds.retried!;
    const charge = (await chargesOf(orderId)).find((c) => c.outcome === "succeeded")!;
    expect(await linesOf(orderId)).not.toEqual([]);
    const result = await refundOrderAudited(t.db, actorUserId, orderId, "damaged in transit", refundAt);
    expect(result).toEqual({ effect: "removed", deferred: false, periodId: november });
    expect(await linesOf(orderId)).toEqual([]);
    expect((await chargesOf(orderId)).map((c) => [c.outcome, c.refundedCents])).toEqual([
      ["declined", 0],
      ["declined", 0],
      ["succeeded", charge.amountCents],
    ]);
    expect(await orderRow(orderId)).toMatchObject({ status: "refunded", refundReference: `${charge.id}_refund` });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "order"), eq(auditLog.entityId, String(orderId))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId, action: "order.refund" });
    expect(audits[0]!.after).toMatchObject({ status: "refunded", effect: "removed", refundReference: `${charge.id}_refund` });
    await expectReconciled();
  });

  it("retried after the ledger step failed, give back the same refund once", async () => {
    const orderId = paidIds.raced!;
    const first = await returnPayment(t.db, orderId, refundAt);
    const chargesAfterFirst = await chargesOf(orderId);
    // The commissions were not reversed (a failure after the provider's refund): the admin tries again later.
    const result = await refundOrderAudited(t.db, actorUserId, orderId, "retry", new Date(refundAt.getTime() + 3600_000));
    expect(result.effect).toBe("removed");
    expect(await chargesOf(orderId)).toEqual(chargesAfterFirst);
    expect((await orderRow(orderId)).refundReference).toBe(first);
    await expectReconciled();
  });

  it("claw back an order of a closed period", async () => {
    const october = await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[3]!,
      kind: "retail",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: "october",
      at: new Date("2026-10-20T12:00:00Z"),
    });
    await closePeriod(t.db, october.periodId);
    const frozen = await linesOf(october.orderId);
    expect(frozen.length).toBeGreaterThan(0);
    const result = await refundOrderAudited(t.db, actorUserId, october.orderId, "late return", refundAt);
    expect(result).toEqual({ effect: "clawback", deferred: false, periodId: november });
    const lines = await linesOf(october.orderId);
    expect(lines.filter((l) => l.kind === "commission")).toEqual(frozen);
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    expect((await chargesOf(october.orderId))[0]).toMatchObject({ refundedCents: 9999 });
    await expectReconciled();
  });

  it("refuse a second refund cleanly, changing nothing", async () => {
    const before = await books();
    const charges = await t.db.select().from(demoCharges).orderBy(demoCharges.id);
    const audits = (await t.db.select().from(auditLog)).length;
    for (const orderId of [paidIds.success!, paidIds.retried!]) {
      await expect(returnPayment(t.db, orderId, refundAt)).rejects.toThrow(/already refunded/);
      await expect(refundOrder(t.db, orderId, { reason: "again", at: refundAt })).rejects.toThrow(/already refunded/);
      const second = refundOrderAudited(t.db, actorUserId, orderId, "again", refundAt);
      await expect(second).rejects.toThrow(OrderError);
      await expect(second).rejects.toThrow(/already refunded/);
    }
    expect(await books()).toEqual(before);
    expect(await t.db.select().from(demoCharges).orderBy(demoCharges.id)).toEqual(charges);
    expect((await t.db.select().from(auditLog)).length).toBe(audits);
    // An unpaid order has nothing to give back.
    const unpaid = await create(2, 0);
    await expect(returnPayment(t.db, unpaid.orderId, refundAt)).rejects.toThrow(/never paid/);
  });

  it("refuse to refund a charge that is not the order's", async () => {
    const [charge] = await chargesOf(paidIds.success!);
    const other = { orderId: paidIds.retried!, reference: charge!.id, amountCents: charge!.amountCents, currency: "USD" };
    await expect(demoProvider.refund(t.db, other, refundAt)).rejects.toThrow(PaymentError);
    await expect(demoProvider.refund(t.db, { ...other, reference: "demo_ch_nope" }, refundAt)).rejects.toThrow(PaymentError);
  });
});
