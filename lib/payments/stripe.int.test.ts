import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { orders } from "@/db/schema";
import { reactivateDistributor, terminateDistributor } from "@/lib/admin/distributors";
import { refundOrderAudited } from "@/lib/admin/orders";
import { approveBuyback, requestBuyback } from "@/lib/buyback/requests";
import { buybackRefundCents } from "@/lib/buyback/rules";
import { env } from "@/lib/env";
import { refundOrder } from "@/lib/orders/refund";
import { beginPayment } from "@/lib/payments/begin";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { providerFor } from "@/lib/payments/index";
import { PaymentError } from "@/lib/payments/provider";
import { returnPayment } from "@/lib/payments/refund";
import { syncOrderPayment } from "@/lib/payments/sync";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { canada, checkoutUrls, expectReconciled, ledgerOfOrder, ledgerSnapshot, orderRow, sessionOf, stripeOrder, usa } from "@/tests/fixtures/stripe";
import { useStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in";
import { sessionExpiry } from "./stripe";

// The Stripe adapter against a local stand-in of Stripe's API, with a real SDK
// client over HTTP: starting a Checkout Session, the buyer's return (sync) and
// refunds through the Refund API. The webhook's tests: stripe-webhook.int.test.ts.

let t: TestDatabase;
let co: TestCompany;
let stand: StripeStandIn;
let stop: () => Promise<void>;
const at = new Date("2026-11-20T12:00:00Z");
const later = new Date("2026-11-20T12:05:00Z");
let seq = 0;
const key = () => `stripe-adapter-${++seq}`;

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2 <- 3: an upline of three above the buyer.
  co = await createCompany(t.db, [null, 0, 1, 2]);
  // The upline is active this month (smallPlan: 50 PV), so the Stripe orders below pay them.
  for (const i of [0, 1, 2])
    await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[i]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: key(),
      at,
    });
  ({ stand, stop } = await useStripeStandIn());
  stand.clock = () => at;
});
afterAll(async () => {
  await stop?.();
  await t?.destroy();
});

const [small, mid, big] = [0, 1, 2];
const buyer = () => co.ids[3]!;
const item = (i: number, quantity = 1) => ({ productId: co.productIds[i]!, quantity });

describe("starting a payment: a Checkout Session", () => {
  it("is created over HTTP with the order's lines, shipping, total and ties to the order, and its id stored on the order", async () => {
    const before = stand.requests.length;
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(small, 2), item(mid)], address: canada, email: "guest@buyer.test", at });
    // 2 x 10.00 + 33.33 + 7.50 shipping to Canada.
    expect(o.totalCents).toBe(6083);
    const calls = stand.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/checkout/sessions"]);
    const { body, idempotencyKey } = calls[0]!;
    expect(body).toMatchObject({
      mode: "payment",
      line_items: [
        { quantity: "2", price_data: { currency: "usd", unit_amount: "1000", product_data: { name: "Small" } } },
        { quantity: "1", price_data: { currency: "usd", unit_amount: "3333", product_data: { name: "Mid" } } },
      ],
      shipping_options: [{ shipping_rate_data: { type: "fixed_amount", display_name: "Shipping", fixed_amount: { amount: "750", currency: "usd" } } }],
      customer_email: "guest@buyer.test",
      client_reference_id: String(o.orderId),
      metadata: { order_id: String(o.orderId) },
      payment_intent_data: {
        metadata: { order_id: String(o.orderId) },
        shipping: { name: "Buyer", address: { line1: "1 Queen St", city: "Toronto", state: "ON", postal_code: "M5H 2N2", country: "CA" } },
      },
      success_url: checkoutUrls.success,
      cancel_url: checkoutUrls.cancel,
    });
    expect(idempotencyKey).toMatch(new RegExp(`^checkout-order-${o.orderId}-after-none-[0-9a-f]{24}$`));
    const session = stand.sessions.get(o.sessionId)!;
    expect(session.amount_total).toBe(6083);
    expect(o.url).toBe(session.url);
    // The order's 24 h window is longer than Stripe allows: clamped just inside Stripe's 24 h.
    const order = await orderRow(t.db, o.orderId);
    expect(order.expiresAt!.getTime() - at.getTime()).toBe(24 * 3600_000);
    expect(Number(body.expires_at)).toBe(Date.parse("2026-11-21T11:50:00Z") / 1000);
    expect(order.status).toBe("pending_payment");
  });

  it("shows free shipping as a zero shipping line, and leaves out an email the order does not have", async () => {
    const before = stand.requests.length;
    await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(big)], address: usa, at });
    const { body } = stand.requests[before]!;
    expect(body.shipping_options).toEqual([
      { shipping_rate_data: { type: "fixed_amount", display_name: "Free shipping", fixed_amount: { amount: "0", currency: "usd" } } },
    ]);
    expect(body).not.toHaveProperty("customer_email");
  });

  it("clamps the session's end into Stripe's window", () => {
    // The order ends sooner than Stripe's 30 minutes: the session lasts 31+ minutes (a late payment still counts).
    expect(sessionExpiry(new Date("2026-11-20T12:10:00Z"), at)).toBe(Date.parse("2026-11-20T12:40:00Z") / 1000);
    // Within the window: the order's own end.
    expect(sessionExpiry(new Date("2026-11-20T18:00:00Z"), at)).toBe(Date.parse("2026-11-20T18:00:00Z") / 1000);
    // Beyond 24 hours: just inside, on a 10-minute grid.
    expect(sessionExpiry(new Date("2026-11-25T00:00:00Z"), new Date("2026-11-20T12:03:17Z"))).toBe(Date.parse("2026-11-21T11:50:00Z") / 1000);
  });

  it("is reused while it is open, instead of making another", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(small)], at });
    const before = stand.requests.length;
    const again = await beginPayment(t.db, o.orderId, checkoutUrls, later);
    expect(again).toEqual({ kind: "redirect", url: o.url });
    expect(stand.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/checkout/sessions/${o.sessionId}`]);
    expect(await sessionOf(t.db, o.orderId)).toBe(o.sessionId);
  });

  it("is made anew, under a new idempotency key, once the previous one expired", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(small)], at });
    stand.expire(o.sessionId);
    const before = stand.requests.length;
    const again = await beginPayment(t.db, o.orderId, checkoutUrls, later);
    const created = stand.requestsTo("POST", /^\/v1\/checkout\/sessions$/).filter((r) => stand.requests.indexOf(r) >= before);
    expect(created).toHaveLength(1);
    expect(created[0]!.idempotencyKey).toMatch(new RegExp(`^checkout-order-${o.orderId}-after-${o.sessionId}-`));
    const current = await sessionOf(t.db, o.orderId);
    expect(current).not.toBe(o.sessionId);
    expect(again).toEqual({ kind: "redirect", url: stand.sessions.get(current!)!.url });
  });

  it("is one session for two starts at the same moment (the idempotency key)", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(mid)], at, start: false });
    const sessionsBefore = stand.sessions.size;
    const [a, b] = await Promise.all([beginPayment(t.db, o.orderId, checkoutUrls, at), beginPayment(t.db, o.orderId, checkoutUrls, at)]);
    expect(a).toEqual(b);
    expect(stand.sessions.size).toBe(sessionsBefore + 1);
  });

  it("is refused and expired when Stripe's total is not the order's, and nothing is stored", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(mid)], at, start: false });
    stand.amountSkew = 1;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(beginPayment(t.db, o.orderId, checkoutUrls, at)).rejects.toThrow(PaymentError);
    } finally {
      stand.amountSkew = 0;
      error.mockRestore();
    }
    const last = stand.requests.at(-1)!;
    expect(last.method).toBe("POST");
    expect(last.path).toMatch(/^\/v1\/checkout\/sessions\/cs_test_\w+\/expire$/);
    expect(await sessionOf(t.db, o.orderId)).toBeNull();
  });

  it("turns Stripe's refusal into a PaymentError for the buyer, and stores nothing", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(mid)], at, start: false });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      stand.fail("POST", /^\/v1\/checkout\/sessions$/, 400, { type: "invalid_request_error", message: "Amount must convert to at least 50 cents." });
      await expect(beginPayment(t.db, o.orderId, checkoutUrls, at)).rejects.toThrow(/payment page could not be opened/);
      stand.fail("POST", /^\/v1\/checkout\/sessions$/, 500, { type: "api_error", message: "Something went wrong on Stripe's end." });
      await expect(beginPayment(t.db, o.orderId, checkoutUrls, at)).rejects.toThrow(/could not be reached or is busy/);
    } finally {
      error.mockRestore();
    }
    expect(await sessionOf(t.db, o.orderId)).toBeNull();
    // Stripe back: the same order starts fine.
    expect((await beginPayment(t.db, o.orderId, checkoutUrls, at)).kind).toBe("redirect");
  });

  it("fits a short payment window: the session lasts Stripe's minimum", async () => {
    await t.db.execute(sql`update checkout_settings set pending_order_minutes = 30`);
    try {
      const before = stand.requests.length;
      const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(small)], at });
      expect((await orderRow(t.db, o.orderId)).expiresAt).toEqual(new Date("2026-11-20T12:30:00Z"));
      expect(Number(stand.requests[before]!.body.expires_at)).toBe(Date.parse("2026-11-20T12:40:00Z") / 1000);
    } finally {
      await t.db.execute(sql`update checkout_settings set pending_order_minutes = 1440`);
    }
  });
});

describe("the buyer's return (sync)", () => {
  it("confirms a paid session: the order counts, with the PaymentIntent as its reference, and the upline is paid exactly", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(big, 2)], at });
    const stripe = providerFor("stripe");
    expect(await stripe.sync!(t.db, o.orderId, later)).toBeNull();
    expect((await orderRow(t.db, o.orderId)).status).toBe("pending_payment");
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });

    const paid = stand.pay(o.sessionId);
    expect(await stripe.sync!(t.db, o.orderId, later)).toMatchObject({ orderId: o.orderId, confirmed: true });
    const order = await orderRow(t.db, o.orderId);
    expect(order).toMatchObject({ status: "paid", paymentReference: paid.payment_intent, paidAt: later, paymentError: null });
    const ledger = await ledgerOfOrder(t.db, o.orderId);
    expect(ledger.lines).toBeGreaterThan(0);
    expect(ledger.total).toBeGreaterThan(0);
    await expectReconciled(t.db);
    // Asked again: nothing changes.
    const snapshot = await ledgerSnapshot(t.db);
    expect(await stripe.sync!(t.db, o.orderId, later)).toBeNull();
    await syncOrderPayment(t.db, o.orderId, later);
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
  });

  it("does not fail the buyer's page when Stripe cannot be reached: the webhook confirms later", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(small)], at });
    stand.fail("GET", /^\/v1\/checkout\/sessions\//, 500, { type: "api_error", message: "Stripe is down." });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(providerFor("stripe").sync!(t.db, o.orderId, later)).resolves.toBeNull();
    } finally {
      error.mockRestore();
    }
    expect((await orderRow(t.db, o.orderId)).status).toBe("pending_payment");
  });
});

describe("refunds through the Refund API", () => {
  async function paidOrder() {
    const o = await stripeOrder(t.db, stand, { sellerId: buyer(), items: [item(big), item(small)], address: canada, at });
    const paid = stand.pay(o.sessionId);
    // The buyer's return, as the thanks page asks it.
    await syncOrderPayment(t.db, o.orderId, later);
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
    return { ...o, paymentIntent: paid.payment_intent as string };
  }

  it("refunds the PaymentIntent in full, once per order, then the order's lines are reversed (admin refund)", async () => {
    const o = await paidOrder();
    expect((await ledgerOfOrder(t.db, o.orderId)).lines).toBeGreaterThan(0);
    const before = stand.requests.length;
    const result = await refundOrderAudited(t.db, co.ids[0]!, o.orderId, "Customer returned it", later);
    expect(result.effect).toBe("removed");
    const calls = stand.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: "POST",
      path: "/v1/refunds",
      idempotencyKey: `refund-order-${o.orderId}-${o.paymentIntent}`,
      body: {
        payment_intent: o.paymentIntent,
        amount: String(o.totalCents),
        reason: "requested_by_customer",
        metadata: { order_id: String(o.orderId), source: "lineage" },
      },
    });
    const refund = stand.refunds.at(-1)!;
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "refunded", refundReference: refund.id, refundReason: "Customer returned it" });
    expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
    await expectReconciled(t.db);
  });

  it("gives back the same refund when asked again after a later failure (returnPayment, then refundOrder)", async () => {
    const o = await paidOrder();
    const first = await returnPayment(t.db, o.orderId, later);
    // Say the reversal failed here: the cooling-off cancellation is tried again.
    const second = await returnPayment(t.db, o.orderId, later);
    expect(second).toBe(first);
    expect(stand.refunds.filter((r) => r.payment_intent === o.paymentIntent)).toHaveLength(1);
    await refundOrder(t.db, o.orderId, { reason: "Cancelled within the cooling-off window", status: "cancelled", at: later, refundReference: second });
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "cancelled", refundReference: first });
    await expectReconciled(t.db);
  });

  it("when Stripe refuses, throws a PaymentError an admin can read and changes nothing", async () => {
    const o = await paidOrder();
    const snapshot = await ledgerSnapshot(t.db);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      stand.fail("POST", /^\/v1\/refunds$/, 400, {
        type: "invalid_request_error",
        code: "charge_disputed",
        message: "Charge ch_1 has been charged back; cannot issue a refund.",
      });
      const refused = refundOrderAudited(t.db, co.ids[0]!, o.orderId, "Returned", later);
      await expect(refused).rejects.toThrow(PaymentError);
      await expect(refused).rejects.toThrow(
        `Stripe refused to refund order #${o.orderId}: Charge ch_1 has been charged back; cannot issue a refund. Nothing was changed here.`,
      );
      stand.fail("POST", /^\/v1\/refunds$/, 500, { type: "api_error", message: "Internal error." });
      await expect(returnPayment(t.db, o.orderId, later)).rejects.toThrow(/could not be reached or is busy/);
      stand.fail("POST", /^\/v1\/refunds$/, 401, { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_***" });
      await expect(returnPayment(t.db, o.orderId, later)).rejects.toThrow(/check STRIPE_SECRET_KEY/);
    } finally {
      error.mockRestore();
    }
    expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "paid", refundReference: null });
    expect(await ledgerSnapshot(t.db)).toEqual(snapshot);
    expect(stand.refunds.filter((r) => r.payment_intent === o.paymentIntent)).toHaveLength(0);
  });

  it("refunds a buyback's 90% of the subtotal, once however often it is approved, and the order's lines are reversed", async () => {
    const o = await paidOrder();
    const { subtotalCents } = await orderRow(t.db, o.orderId);
    await terminateDistributor(t.db, co.ids[0]!, buyer());
    try {
      const { requestId, refundCents } = await requestBuyback(t.db, {
        distributorId: buyer(),
        orderIds: [o.orderId],
        requestedByUserId: co.ids[0]!,
        at: later,
        byAdmin: false,
      });
      expect(refundCents).toBe(buybackRefundCents(subtotalCents, 9000));
      const before = stand.requests.length;
      const approved = await Promise.all([
        approveBuyback(t.db, co.ids[0]!, requestId, later, "USD"),
        approveBuyback(t.db, co.ids[0]!, requestId, later, "USD"),
      ]);
      expect(approved.map((a) => a.approved).sort()).toEqual([false, true]);
      const calls = stand.requests.slice(before).filter((r) => r.path === "/v1/refunds" && r.method === "POST");
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        expect(call).toMatchObject({ idempotencyKey: `refund-order-${o.orderId}-${o.paymentIntent}`, body: { amount: String(refundCents) } });
      }
      expect(stand.paymentIntents.get(o.paymentIntent)!.refunded).toBe(refundCents);
      expect(await orderRow(t.db, o.orderId)).toMatchObject({ status: "refunded", refundReason: "buyback" });
      expect(await ledgerOfOrder(t.db, o.orderId)).toEqual({ lines: 0, total: 0 });
      await expectReconciled(t.db);
    } finally {
      await reactivateDistributor(t.db, co.ids[0]!, buyer());
    }
  });

  it("takes its own partial refund back when retried after Stripe forgot the key (24 hours on)", async () => {
    const o = await paidOrder();
    const ninety = Math.floor(((await orderRow(t.db, o.orderId)).totalCents * 9) / 10);
    const first = await returnPayment(t.db, o.orderId, later, ninety);
    stand.forgetIdempotencyKeys();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Made anew, the 90% exceed the 10% left: Stripe refuses, and our refund of it is found.
      expect(await returnPayment(t.db, o.orderId, later, ninety)).toBe(first);
      // Another order, a fifth refunded in the dashboard: that refund is not ours, so Stripe's refusal stands.
      const other = await paidOrder();
      const total = (await orderRow(t.db, other.orderId)).totalCents;
      stand.refundInDashboard(other.paymentIntent, Math.floor(total / 5));
      await expect(returnPayment(t.db, other.orderId, later, Math.floor((total * 9) / 10))).rejects.toThrow(
        new RegExp(`Stripe refused to refund order #${other.orderId}: Refund amount`),
      );
    } finally {
      error.mockRestore();
    }
    expect(stand.refunds.filter((r) => r.payment_intent === o.paymentIntent)).toHaveLength(1);
    expect(stand.requestsTo("POST", /^\/v1\/refunds$/).filter((r) => r.body.payment_intent === o.paymentIntent)).toHaveLength(2);
  });

  it("takes a full refund already made in Stripe's dashboard as the refund", async () => {
    const o = await paidOrder();
    stand.refundInDashboard(o.paymentIntent);
    const dashboardRefund = stand.refunds.at(-1)!;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await returnPayment(t.db, o.orderId, later)).toBe(dashboardRefund.id);
    } finally {
      error.mockRestore();
    }
  });

  it("says what to configure when Stripe's keys are missing, and does not fail the buyer's return", async () => {
    const o = await paidOrder();
    const saved = env.stripe;
    env.stripe = undefined;
    try {
      await expect(returnPayment(t.db, o.orderId, later)).rejects.toThrow(/Stripe is not configured on this server: set STRIPE_SECRET_KEY/);
      // The buyer's return page is not broken by it: nothing is checked, nothing thrown.
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      await expect(providerFor("stripe").sync!(t.db, o.orderId, later)).resolves.toBeNull();
      error.mockRestore();
    } finally {
      env.stripe = saved;
    }
    const [row] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, o.orderId));
    expect(row!.status).toBe("paid");
  });
});
