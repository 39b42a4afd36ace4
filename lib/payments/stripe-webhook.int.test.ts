import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { orders, paymentEvents } from "@/db/schema";
import { refundOrderAudited } from "@/lib/admin/orders";
import { env } from "@/lib/env";
import { beginPayment } from "@/lib/payments/begin";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { canada, checkoutUrls, deliver, expectReconciled, ledgerOfOrder, ledgerSnapshot, orderRow, sessionOf, stripeOrder } from "@/tests/fixtures/stripe";
import { standInWebhookSecret, useStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in";
import { asyncPaymentFailedMessage, checkoutExpiredMessage, handleStripeWebhook } from "./stripe-webhook";

// Stripe's webhook: real payloads signed with the SDK's own test-header helper,
// verified by the SDK on the raw body; the API calls it makes (refunds) go to a
// local stand-in of Stripe's API over HTTP.

let t: TestDatabase;
let co: TestCompany;
let stand: StripeStandIn;
let stop: () => Promise<void>;
const at = new Date("2026-11-20T12:00:00Z");
const later = new Date("2026-11-20T12:05:00Z");
let seq = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2 <- 3 <- 4: the buyer (4) has an upline of four.
  co = await createCompany(t.db, [null, 0, 1, 2, 3]);
  for (const i of [0, 1, 2, 3]) {
    await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[i]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: `upline-${++seq}`,
      at,
    });
  }
  ({ stand, stop } = await useStripeStandIn());
  stand.clock = () => at;
});
afterAll(async () => {
  await stop?.();
  await t?.destroy();
});

const order = (quantity = 1) => stripeOrder(t.db, stand, { sellerId: co.ids[4]!, items: [{ productId: co.productIds[2]!, quantity }], address: canada, at });

async function recorded(eventId: string) {
  return t.db
    .select()
    .from(paymentEvents)
    .where(and(eq(paymentEvents.provider, "stripe"), eq(paymentEvents.eventId, eventId)));
}

/** Silences the expected log lines of a block (refusals, warnings). */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const spies = (["error", "warn", "info"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
  try {
    return await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe("a signed checkout.session.completed", () => {
  it("confirms the order paid and pays its upline exactly", async () => {
    const o = await order(2);
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
    const session = stand.pay(o.sessionId);
    const result = await deliver(t.db, stand, "checkout.session.completed", session, later);
    expect(result).toMatchObject({ status: 200, json: { received: true } });
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentReference: session.payment_intent, paidAt: later });
    const lines = await queryRows<{ beneficiary_id: number; amount_cents: number }>(
      t.db,
      sql`select beneficiary_id, amount_cents::float8 as amount_cents from commission_ledger where order_id = ${o.orderId} order by level`,
    );
    // Everyone above the buyer is active: each of them earns on the order.
    expect(lines.map((l) => l.beneficiary_id)).toEqual(expect.arrayContaining([co.ids[3], co.ids[2], co.ids[1]]));
    expect(lines.every((l) => l.amount_cents > 0)).toBe(true);
    await expectReconciled(t.db);
    expect(await recorded(result.eventId)).toMatchObject([{ type: "checkout.session.completed", orderId: o.orderId, receivedAt: later }]);
  });
});

describe("a forged webhook", () => {
  it("gets 400 and changes nothing: wrong secret, body changed after signing, no signature, too old", async () => {
    const o = await order();
    const session = stand.pay(o.sessionId);
    const event = stand.event("checkout.session.completed", session);
    const snapshot = await ledgerSnapshot(t.db);
    const tampered = event.payload.replace(`"amount_total": ${o.totalCents}`, `"amount_total": ${o.totalCents + 1}`);
    expect(tampered).not.toBe(event.payload);
    const answers = await quietly(() =>
      Promise.all([
        handleStripeWebhook(t.db, event.payload, stand.sign(event.payload, "whsec_not_ours"), later),
        handleStripeWebhook(t.db, tampered, stand.sign(event.payload), later),
        handleStripeWebhook(t.db, event.payload, null, later),
        handleStripeWebhook(t.db, event.payload, "", later),
        handleStripeWebhook(t.db, event.payload, "t=1,v1=deadbeef", later),
        // Stripe's SDK checks a signature's age against the process clock, not our `at`: an hour old by that same clock (any date, faketime included).
        handleStripeWebhook(t.db, event.payload, stand.sign(event.payload, standInWebhookSecret, Math.floor(Date.now() / 1000) - 3600), later),
      ]),
    );
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.body).not.toMatch(/at |Error|whsec/);
    }
    expect(await recorded(event.id)).toEqual([]);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "pending_payment", paymentReference: null });
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
    // The genuine delivery still works.
    expect((await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later)).status).toBe(200);
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
  });
});

describe("replayed, duplicated and out-of-order events have one effect", () => {
  it("the same event delivered 3 times: one paid order, the ledger unchanged by the replays", async () => {
    const o = await order();
    const session = stand.pay(o.sessionId);
    const event = stand.event("checkout.session.completed", session);
    const first = await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later);
    expect(JSON.parse(first.body)).toEqual({ received: true });
    const snapshot = await ledgerSnapshot(t.db);
    for (let i = 0; i < 2; i++) {
      const again = await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), new Date(later.getTime() + (i + 1) * 60_000));
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
    }
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paidAt: later });
    expect(await recorded(event.id)).toHaveLength(1);
  });

  it("a failure or an expiry arriving after the completion leaves the order paid", async () => {
    const o = await order();
    const paid = stand.pay(o.sessionId);
    expect((await deliver(t.db, stand, "checkout.session.completed", paid, later)).status).toBe(200);
    const snapshot = await ledgerSnapshot(t.db);
    const failed = await deliver(t.db, stand, "checkout.session.async_payment_failed", { ...paid, payment_status: "unpaid" }, later);
    const expired = await deliver(t.db, stand, "checkout.session.expired", { ...paid, status: "expired", payment_status: "unpaid" }, later);
    expect([failed.status, expired.status]).toEqual([200, 200]);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentError: null, paymentReference: paid.payment_intent });
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
  });

  it("a delayed payment: completed unpaid waits, then async_payment_succeeded confirms once (even before the completion)", async () => {
    const o = await order();
    const pending = stand.payLater(o.sessionId);
    expect((await deliver(t.db, stand, "checkout.session.completed", pending, later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "pending_payment", paymentReference: null });
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
    // The buyer comes back meanwhile: still processing, sent to the thanks page, no new session.
    const sessions = stand.sessions.size;
    expect(await beginPayment(t.db, o.orderId, checkoutUrls, later)).toEqual({ kind: "redirect", url: checkoutUrls.success });
    expect(stand.sessions.size).toBe(sessions);

    const settled = stand.settle(o.sessionId, true);
    expect((await deliver(t.db, stand, "checkout.session.async_payment_succeeded", settled, later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentReference: settled.payment_intent });
    const snapshot = await ledgerSnapshot(t.db);
    // The completion, delivered late and carrying the settled session: nothing more.
    expect((await deliver(t.db, stand, "checkout.session.completed", settled, later)).status).toBe(200);
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
    await expectReconciled(t.db);
  });

  it("20 concurrent deliveries of one completion make one paid order", async () => {
    const o = await order(3);
    const session = stand.pay(o.sessionId);
    const event = stand.event("checkout.session.completed", session);
    const before = await ledgerSnapshot(t.db);
    const answers = await Promise.all(Array.from({ length: 20 }, () => handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentReference: session.payment_intent });
    expect(await recorded(event.id)).toHaveLength(1);
    // One confirmation's lines, no more: the ledger equals a full run, and no refund of "a duplicate" was made.
    const after = await ledgerSnapshot(t.db);
    const added = after.length - before.length;
    expect(added).toBe((await ledgerOfOrder(t.db, o.orderId)).lines);
    expect(stand.refunds.filter((r) => r.payment_intent === session.payment_intent)).toEqual([]);
    await expectReconciled(t.db);
  });

  it("20 concurrent deliveries of distinct events for one payment (completed and async succeeded) make one paid order", async () => {
    const o = await order();
    const session = stand.pay(o.sessionId);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        deliver(t.db, stand, i % 2 ? "checkout.session.completed" : "checkout.session.async_payment_succeeded", session, later),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentReference: session.payment_intent });
    expect(stand.refunds.filter((r) => r.payment_intent === session.payment_intent)).toEqual([]);
    await expectReconciled(t.db);
  });
});

describe("a checkout that ends unpaid", () => {
  it("async_payment_failed marks the order payment_failed with a message; the buyer can start again", async () => {
    const o = await order();
    stand.payLater(o.sessionId);
    const failed = stand.settle(o.sessionId, false);
    expect((await deliver(t.db, stand, "checkout.session.async_payment_failed", failed, later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "payment_failed", paymentError: asyncPaymentFailedMessage });
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
    // A new session, after the failed one.
    const again = await beginPayment(t.db, o.orderId, checkoutUrls, later);
    const current = await sessionOf(t.db, o.orderId);
    expect(current).not.toBe(o.sessionId);
    expect(again).toEqual({ kind: "redirect", url: stand.sessions.get(current!)!.url });
    // Paid on the new one: paid, and the message is gone.
    expect((await deliver(t.db, stand, "checkout.session.completed", stand.pay(current!), later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentError: null });
  });

  it("checkout.session.expired of the order's current session leaves a message, and the status as it was", async () => {
    const o = await order();
    const expired = stand.expire(o.sessionId);
    expect((await deliver(t.db, stand, "checkout.session.expired", expired, later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "pending_payment", paymentError: checkoutExpiredMessage, paymentSession: o.sessionId });
  });

  it("an expiry of a session that is no longer the order's current one changes nothing", async () => {
    const o = await order();
    // The first session expires quietly (its event comes late); the buyer starts a new one.
    const old = stand.expire(o.sessionId);
    await beginPayment(t.db, o.orderId, checkoutUrls, later);
    const current = await sessionOf(t.db, o.orderId);
    expect(current).not.toBe(o.sessionId);
    expect((await deliver(t.db, stand, "checkout.session.expired", old, later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "pending_payment", paymentError: null, paymentSession: current });
  });
});

describe("payments that cannot count are refunded", () => {
  it("a second payment of an order already paid (two tabs) is refunded through the Refund API", async () => {
    const o = await order();
    // The first session is about to end when the buyer opens a second tab: a new session, the first still open.
    stand.sessions.get(o.sessionId)!.expires_at = Math.floor(later.getTime() / 1000) + 60;
    await beginPayment(t.db, o.orderId, checkoutUrls, later);
    const second = (await sessionOf(t.db, o.orderId))!;
    expect(second).not.toBe(o.sessionId);
    const paidFirst = stand.pay(o.sessionId);
    const paidSecond = stand.pay(second);
    expect((await deliver(t.db, stand, "checkout.session.completed", paidFirst, later)).status).toBe(200);
    const snapshot = await ledgerSnapshot(t.db);
    const before = stand.requests.length;
    const duplicate = await quietly(() => deliver(t.db, stand, "checkout.session.completed", paidSecond, later));
    expect(duplicate.status).toBe(200);
    expect(stand.requests.slice(before)).toMatchObject([
      {
        method: "POST",
        path: "/v1/refunds",
        idempotencyKey: `refund-payment-${String(paidSecond.payment_intent)}`,
        body: { payment_intent: paidSecond.payment_intent, reason: "duplicate", metadata: { order_id: String(o.orderId), source: "lineage" } },
      },
    ]);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", paymentReference: paidFirst.payment_intent });
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
    // The refund's own charge.refunded event: about a payment no order holds, ignored.
    expect((await deliver(t.db, stand, "charge.refunded", stand.charge(paidSecond.payment_intent as string), later)).status).toBe(200);
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
  });

  it("a payment the order refuses (not its total) is logged, answered 200, recorded on the order and refunded", async () => {
    const o = await order();
    const session = stand.pay(o.sessionId);
    const wrong = { ...session, amount_total: o.totalCents - 100 };
    const result = await quietly(() => deliver(t.db, stand, "checkout.session.completed", wrong, later));
    expect(result.status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({
      status: "pending_payment",
      paymentReference: null,
      paymentError: expect.stringMatching(/could not be matched/),
    });
    expect(stand.refunds.filter((r) => r.payment_intent === session.payment_intent)).toHaveLength(1);
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
  });

  it("when Stripe cannot take the refund of a duplicate, answers 500 (Stripe retries) and the retry refunds it", async () => {
    const o = await order();
    stand.sessions.get(o.sessionId)!.expires_at = Math.floor(later.getTime() / 1000) + 60;
    await beginPayment(t.db, o.orderId, checkoutUrls, later);
    const second = (await sessionOf(t.db, o.orderId))!;
    await deliver(t.db, stand, "checkout.session.completed", stand.pay(o.sessionId), later);
    const event = stand.event("checkout.session.completed", stand.pay(second));
    stand.fail("POST", /^\/v1\/refunds$/, 500, { type: "api_error", message: "Stripe is having a moment." });
    const failed = await quietly(() => handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later));
    expect(failed.status).toBe(500);
    expect(failed.body).toBe(JSON.stringify({ error: "The event could not be processed now." }));
    expect(await recorded(event.id)).toEqual([]);
    const retried = await quietly(() => handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later));
    expect(retried.status).toBe(200);
    expect(await recorded(event.id)).toHaveLength(1);
    expect(stand.refunds.filter((r) => r.reason === "duplicate" && (r.metadata as Record<string, string>).order_id === String(o.orderId))).toHaveLength(1);
  });
});

describe("charge.refunded", () => {
  async function paid() {
    const o = await order();
    const session = stand.pay(o.sessionId);
    await deliver(t.db, stand, "checkout.session.completed", session, later);
    return { ...o, paymentIntent: session.payment_intent as string };
  }

  it("a full refund made in Stripe's dashboard reverses the order with Stripe's refund id; a replay does nothing", async () => {
    const o = await paid();
    expect((await ledgerOfOrder(t.db, o.orderId)).lines).toBeGreaterThan(0);
    const charge = stand.refundInDashboard(o.paymentIntent);
    const refund = stand.refunds.at(-1)!;
    const event = stand.event("charge.refunded", charge);
    expect((await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later)).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "refunded", refundReference: refund.id, refundReason: "Refunded in Stripe's dashboard" });
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
    await expectReconciled(t.db);
    const snapshot = await ledgerSnapshot(t.db);
    expect(JSON.parse((await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later)).body)).toEqual({ received: true, duplicate: true });
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
  });

  it("a partial refund changes nothing (it is only logged)", async () => {
    const o = await paid();
    const snapshot = await ledgerSnapshot(t.db);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect((await deliver(t.db, stand, "charge.refunded", stand.refundInDashboard(o.paymentIntent, 500), later)).status).toBe(200);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`partial refund of order ${o.orderId}`));
    } finally {
      warn.mockRestore();
    }
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
  });

  it("the event of the portal's own refund does not reverse the order twice", async () => {
    const o = await paid();
    await refundOrderAudited(t.db, co.ids[0]!, o.orderId, "Returned", later);
    const snapshot = await ledgerSnapshot(t.db);
    expect((await quietly(() => deliver(t.db, stand, "charge.refunded", stand.charge(o.paymentIntent), later))).status).toBe(200);
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "refunded", refundReason: "Returned" });
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
  });

  it("when the portal's refund is still between Stripe and the reversal, the event leaves the order to it", async () => {
    const o = await paid();
    // The portal asked Stripe to refund; its reversal has not run yet when the event arrives.
    const { returnPayment } = await import("@/lib/payments/refund");
    await returnPayment(t.db, o.orderId, later);
    expect((await quietly(() => deliver(t.db, stand, "charge.refunded", stand.charge(o.paymentIntent), later))).status).toBe(200);
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
    // The portal retries its refund: the same Stripe refund, and now the reversal.
    await refundOrderAudited(t.db, co.ids[0]!, o.orderId, "Returned", later);
    expect((await orderRow(t.db, o.orderId)).status).toBe("refunded");
    await expectReconciled(t.db);
  });
});

describe("other deliveries", () => {
  it("an event of a kind not handled, or about no order of ours, is answered 200 and recorded", async () => {
    const other = await deliver(t.db, stand, "customer.created", { id: "cus_test_1", object: "customer" }, later);
    expect(other.status).toBe(200);
    expect(await recorded(other.eventId)).toMatchObject([{ type: "customer.created", orderId: null }]);
    const foreign = await quietly(() =>
      deliver(
        t.db,
        stand,
        "checkout.session.completed",
        { id: "cs_test_foreign", object: "checkout.session", metadata: {}, payment_status: "paid", payment_intent: "pi_x", amount_total: 100 },
        later,
      ),
    );
    expect(foreign.status).toBe(200);
    expect(await recorded(foreign.eventId)).toMatchObject([{ orderId: null }]);
  });

  it("a database failure answers 500 without details, records nothing, and the retry applies the event", async () => {
    const o = await order();
    const event = stand.event("checkout.session.completed", stand.pay(o.sessionId));
    const down = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property === "select" || property === "insert" || property === "update" || property === "transaction" || property === "execute") {
          return () => {
            throw new Error("connect ECONNREFUSED 127.0.0.1:5432 at secret/stack/frame.ts:1");
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    }) as Database;
    const failed = await quietly(() => handleStripeWebhook(down, event.payload, stand.sign(event.payload), later));
    expect(failed).toEqual({ status: 500, body: JSON.stringify({ error: "The event could not be processed now." }) });
    expect(await recorded(event.id)).toEqual([]);
    expect((await orderRow(t.db, o.orderId)).status).toBe("pending_payment");
    expect((await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later)).status).toBe(200);
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
  });

  it("without Stripe's keys on this server, answers 503 and reads nothing", async () => {
    const saved = env.stripe;
    env.stripe = undefined;
    try {
      const event = stand.event("checkout.session.completed", { id: "cs_test_x", object: "checkout.session" });
      expect((await handleStripeWebhook(t.db, event.payload, stand.sign(event.payload), later)).status).toBe(503);
    } finally {
      env.stripe = saved;
    }
  });
});

it("leaves every Stripe order either paid with its reference or unpaid with no lines", async () => {
  const rows = await t.db.select().from(orders).where(eq(orders.paymentProvider, "stripe"));
  for (const row of rows) {
    if (row.status === "paid") expect(row.paymentReference).toMatch(/^pi_test_/);
    else if (row.status === "pending_payment" || row.status === "payment_failed") expect((await ledgerOfOrder(t.db, row.id)).lines).toBe(0);
  }
  await expectReconciled(t.db);
});
