import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import type { ShippingAddress } from "@/db/schema";
import { createSubscription } from "@/lib/autoship/manage";
import { autoshipJobHandlers, queueDueAutoship } from "@/lib/autoship/schedule";
import { env } from "@/lib/env";
import { runDueJobs } from "@/lib/jobs/worker";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { deliver, expectReconciled } from "@/tests/fixtures/stripe";
import { useStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in";
import { PaymentError, type SavedCardCharge } from "./provider";
import { stripeProvider } from "./stripe";
import { cardSavePurpose } from "./stripe-saved-cards";

// Saved cards with Stripe (autoship) against the local stand-in of Stripe's
// API, with a real SDK client over HTTP: a Checkout Session in setup mode on
// the member's Customer, the card recorded on the member's return and from the
// webhook (once, whichever comes first), off-session charges (paid, declined,
// authentication asked, Stripe unreachable, a replayed key), and an autoship
// run paid through Stripe by the job worker, with the ledger exact.

let t: TestDatabase;
let co: TestCompany;
let stand: StripeStandIn;
let stop: () => Promise<void>;
const at = new Date("2026-11-10T12:00:00Z");
const us: ShippingAddress = { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
const urls = { success: "https://portal.test/dashboard/autoship", cancel: "https://portal.test/dashboard/autoship?card=cancelled" };
const member = (i: number) => ({ distributorId: co.ids[i]!, email: `member${i}@test.example`, name: `Member ${i}` });

const methodsOf = (i: number) =>
  queryRows<{ id: number; provider: string; reference: string; customer_reference: string; brand: string; last4: string; exp_month: number; exp_year: number }>(
    t.db,
    sql`select id, provider, reference, customer_reference, brand, last4, exp_month, exp_year from payment_methods where distributor_id = ${co.ids[i]!} order by id`,
  );

/** The member starts saving a card; returns the setup session the stand-in made. */
async function startSave(i: number, subscriptionId: number | null = null, idempotencyKey = randomUUID()) {
  const { url } = await stripeProvider.startCardSave!(t.db, { ...member(i), subscriptionId, idempotencyKey }, urls, at);
  const id = url.split("/").pop()!;
  expect(stand.sessions.get(id)?.mode).toBe("setup");
  return id;
}

/** A member with a card saved on Stripe (a test card number), through the return path. */
async function savedCard(i: number, number = "4242424242424242") {
  const session = await startSave(i);
  stand.saveCard(session, number);
  const saved = await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[i]!, session }, at);
  if (!saved) throw new Error("the card was not saved");
  return saved;
}

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2 <- 3 <- 4 <- 5
  co = await createCompany(t.db, [null, 0, 1, 2, 3, 4]);
  // 0 is active in November, so a run of 1's autoship pays it.
  await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[0]!,
    kind: "personal",
    items: [{ productId: co.productIds[2]!, quantity: 1 }],
    idempotencyKey: "root",
    at,
  });
  ({ stand, stop } = await useStripeStandIn());
  stand.clock = () => at;
});
afterAll(async () => {
  await stop?.();
  await t?.destroy();
});

describe("saving a card: a Checkout Session in setup mode", () => {
  it("creates the member's Customer the first time, and a setup session tied to the member", async () => {
    const before = stand.requests.length;
    const key = randomUUID();
    const session = await startSave(1, null, key);
    const calls = stand.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/customers", "POST /v1/checkout/sessions"]);
    expect(calls[0]!.body).toEqual({ email: "member1@test.example", name: "Member 1", metadata: { distributor_id: String(co.ids[1]) } });
    const customer = stand.sessions.get(session)!.customer as string;
    expect(customer).toMatch(/^cus_/);
    const metadata = { purpose: cardSavePurpose, distributor_id: String(co.ids[1]) };
    expect(calls[1]!.body).toEqual({
      mode: "setup",
      customer,
      currency: "usd",
      allowed_payment_method_types: ["card"],
      metadata,
      setup_intent_data: { description: "Card for autoship", metadata },
      success_url: `${urls.success}?card_session={CHECKOUT_SESSION_ID}`,
      cancel_url: urls.cancel,
    });
    expect(calls[1]!.idempotencyKey).toMatch(new RegExp(`^card-setup-${co.ids[1]}-${key}-[0-9a-f]{24}$`));
    // Nothing is recorded until the card is saved.
    expect(await methodsOf(1)).toEqual([]);
    // A double click (the same form): the same session, no second customer. Another form: another session.
    expect(await startSave(1, null, key)).toBe(session);
    expect(stand.customers.size).toBe(1);
    expect(await startSave(1)).not.toBe(session);
    expect(stand.customers.size).toBe(1);
  });

  it("records the card on the member's return, once, on the member's Customer", async () => {
    const session = await startSave(2);
    // Back without saving (or a forged return): nothing.
    expect(await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[2]!, session }, at)).toBeNull();
    stand.saveCard(session, "4242424242424242", { month: 8, year: 2029 });
    const saved = await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[2]!, session }, at);
    expect(saved).toMatchObject({ distributorId: co.ids[2], subscriptionId: null, brand: "Visa", last4: "4242" });
    const [row] = await methodsOf(2);
    expect(row).toMatchObject({ id: saved!.methodId, provider: "stripe", brand: "Visa", last4: "4242", exp_month: 8, exp_year: 2029 });
    expect(row!.reference).toMatch(/^pm_/);
    expect(row!.customer_reference).toBe(stand.sessions.get(session)!.customer);
    // A reload of the return page: the same row.
    expect((await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[2]!, session }, at))?.methodId).toBe(saved!.methodId);
    expect(await methodsOf(2)).toHaveLength(1);
    // Another member with this session's id in their address bar: not theirs, nothing.
    expect(await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[3]!, session }, at)).toBeNull();
    expect(await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[3]!, session: "cs_test_unknown" }, at)).toBeNull();
    expect(await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[3]!, session: "not a session" }, at)).toBeNull();
    expect(await methodsOf(3)).toEqual([]);
    // The next card is saved on the same Customer: no new one.
    const customers = stand.customers.size;
    await startSave(2);
    expect(stand.customers.size).toBe(customers);
    expect(stand.sessions.get([...stand.sessions.keys()].pop()!)!.customer).toBe(row!.customer_reference);
  });

  it("records the card from the signed webhook, once, whichever of it and the return comes first", async () => {
    const session = await startSave(3);
    const completed = stand.saveCard(session, "4000000000000341");
    const first = await deliver(t.db, stand, "checkout.session.completed", completed, at);
    expect(first).toMatchObject({ status: 200, json: { received: true } });
    const rows = await methodsOf(3);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "stripe", brand: "Visa", last4: "0341" });
    // The same event again: a duplicate. The member's return after it: the same row.
    expect((await deliver(t.db, stand, "checkout.session.completed", completed, at, first.eventId)).json).toEqual({ received: true, duplicate: true });
    expect((await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[3]!, session }, at))?.methodId).toBe(rows[0]!.id);
    // Another delivery of the news (a new event id) changes nothing either.
    expect((await deliver(t.db, stand, "checkout.session.completed", completed, at)).status).toBe(200);
    expect(await methodsOf(3)).toHaveLength(1);
    // A setup session of another integration (no purpose of ours), or its expiry: answered 200, nothing recorded.
    const foreign = { ...completed, id: "cs_test_foreign", metadata: {} };
    expect((await deliver(t.db, stand, "checkout.session.completed", foreign, at)).status).toBe(200);
    expect((await deliver(t.db, stand, "checkout.session.expired", { ...completed, status: "expired" }, at)).status).toBe(200);
    expect(await methodsOf(3)).toHaveLength(1);
  });

  it("refuses with a message when Stripe refuses or cannot be reached, and saves nothing", async () => {
    stand.fail("POST", /^\/v1\/checkout\/sessions$/, 400, { type: "invalid_request_error", message: "Invalid currency." });
    await expect(stripeProvider.startCardSave!(t.db, { ...member(4), subscriptionId: null, idempotencyKey: randomUUID() }, urls, at)).rejects.toThrow(
      "The page to save a card could not be opened. Nothing was saved; please try again in a moment.",
    );
    const session = await startSave(4);
    stand.saveCard(session);
    stand.fail("GET", /^\/v1\/setup_intents\//, 500, { type: "api_error", message: "Stripe is down" });
    await expect(stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[4]!, session }, at)).rejects.toThrow(PaymentError);
    expect(await methodsOf(4)).toEqual([]);
    // Reloaded once Stripe answers: saved.
    expect(await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[4]!, session }, at)).not.toBeNull();
  });
});

describe("charging a saved card off-session: chargeSaved", () => {
  let seq = 0;
  const charge = async (i: number, card: Awaited<ReturnType<typeof savedCard>>, over: Partial<SavedCardCharge> = {}): Promise<SavedCardCharge> => {
    const [row] = (await methodsOf(i)).filter((m) => m.id === card.methodId);
    return {
      order: { id: 9000 + ++seq, totalCents: 9999, currency: "USD", description: `Autoship order #${9000 + seq} (2026-11-15)` },
      card: { reference: row!.reference, customerReference: row!.customer_reference, last4: row!.last4, expMonth: row!.exp_month, expYear: row!.exp_year },
      idempotencyKey: `autoship.run:1:2026-11-15:${seq}`,
      at,
      ...over,
    };
  };

  it("succeeds: a PaymentIntent confirmed off-session on the card's customer, its id and amount returned", async () => {
    const card = await savedCard(5);
    const c = await charge(5, card);
    const before = stand.requests.length;
    const outcome = await stripeProvider.chargeSaved(t.db, c);
    expect(outcome).toMatchObject({ kind: "succeeded", amountCents: 9999 });
    expect(outcome.kind === "succeeded" && outcome.reference).toMatch(/^pi_/);
    const [call] = stand.requests.slice(before);
    expect(call).toMatchObject({
      method: "POST",
      path: "/v1/payment_intents",
      idempotencyKey: `saved-card-${c.idempotencyKey}`,
      body: {
        amount: "9999",
        currency: "usd",
        customer: c.card.customerReference,
        payment_method: c.card.reference,
        off_session: "true",
        confirm: "true",
        description: c.order.description,
        metadata: { order_id: String(c.order.id) },
      },
    });
    // The same key again (a job resumed after a crash): Stripe answers with the same PaymentIntent; one charge.
    const made = stand.offSessionIntents.length;
    expect(await stripeProvider.chargeSaved(t.db, c)).toEqual(outcome);
    expect(stand.offSessionIntents.length).toBe(made);
  });

  it("a declining card and a bank asking for authentication are declines with a message, replayed as such", async () => {
    const card = await savedCard(5, "4000000000000341");
    const declined = await charge(5, card);
    expect(await stripeProvider.chargeSaved(t.db, declined)).toEqual({ kind: "declined", message: "Your card was declined." });
    const made = stand.offSessionIntents.length;
    expect(await stripeProvider.chargeSaved(t.db, declined)).toEqual({ kind: "declined", message: "Your card was declined." });
    expect(stand.offSessionIntents.length).toBe(made);

    const strict = await savedCard(5, "4000002760003184");
    expect(await stripeProvider.chargeSaved(t.db, await charge(5, strict))).toEqual({
      kind: "declined",
      message: "The bank asks the cardholder to approve this payment, which autoship cannot do. Save the card again to approve it.",
    });
    const poor = await savedCard(5, "4000000000009995");
    expect(await stripeProvider.chargeSaved(t.db, await charge(5, poor))).toEqual({ kind: "declined", message: "Your card has insufficient funds." });
  });

  it("Stripe unreachable or failing: PaymentError (the job retries), nothing charged", async () => {
    const card = await savedCard(5);
    const c = await charge(5, card);
    stand.fail("POST", /^\/v1\/payment_intents$/, 500, { type: "api_error", message: "Something went wrong on Stripe's end." });
    await expect(stripeProvider.chargeSaved(t.db, c)).rejects.toThrow(/could not be reached or is busy/);
    const previous = env.stripe!;
    // Nothing listens there: a connection refused, after the SDK's own retries.
    env.stripe = { ...previous, apiUrl: "http://127.0.0.1:9" };
    try {
      await expect(stripeProvider.chargeSaved(t.db, c)).rejects.toThrow(PaymentError);
    } finally {
      env.stripe = previous;
    }
    // The retry, with the same key, charges once.
    const made = stand.offSessionIntents.length;
    expect(await stripeProvider.chargeSaved(t.db, c)).toMatchObject({ kind: "succeeded", amountCents: 9999 });
    expect(stand.offSessionIntents.length).toBe(made + 1);
  }, 20_000);

  it("refuses a card without a Stripe customer", async () => {
    const c = await charge(5, await savedCard(5));
    await expect(stripeProvider.chargeSaved(t.db, { ...c, card: { ...c.card, customerReference: null } })).rejects.toThrow(PaymentError);
  });
});

describe("an autoship run paid through Stripe", () => {
  const tick = async (when: Date) => {
    stand.clock = () => when;
    await queueDueAutoship(t.db, when);
    return runDueJobs(t.db, autoshipJobHandlers, when);
  };
  const ordersOf = (i: number) =>
    queryRows<{ id: number; status: string; payment_provider: string; payment_reference: string | null; payment_error: string | null; total_cents: number }>(
      t.db,
      sql`select id, status, payment_provider, payment_reference, payment_error, total_cents::float8 as total_cents from orders where seller_id = ${co.ids[i]!} order by id`,
    );
  const runsOf = (subscriptionId: number) =>
    queryRows<{ cycle: string; status: string; attempts: number; last_error: string | null }>(
      t.db,
      sql`select cycle::text as cycle, status, attempts, last_error from subscription_runs where subscription_id = ${subscriptionId} order by cycle`,
    );

  it("charges the saved card on its day through the job worker, pays the order and keeps the ledger exact", async () => {
    const card = await savedCard(1);
    const made = await createSubscription(t.db, {
      distributorId: co.ids[1]!,
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      dayOfMonth: 15,
      address: us,
      methodId: card.methodId,
      at,
    });
    expect(made.nextRunOn).toBe("2026-11-15");
    await tick(new Date("2026-11-15T00:30:00Z"));
    const [order] = await ordersOf(1);
    expect(order).toMatchObject({ status: "paid", payment_provider: "stripe", payment_error: null });
    const intent = stand.offSessionIntents.find((i) => (i.metadata as { order_id?: string }).order_id === String(order!.id))!;
    expect(order!.payment_reference).toBe(intent.id);
    expect(intent.amount).toBe(order!.total_cents);
    expect((await runsOf(made.subscriptionId)).map((r) => [r.cycle, r.status, r.attempts])).toEqual([["2026-11-15", "paid", 1]]);
    // The upline's level 1 is paid on it.
    const [line] = await queryRows<{ beneficiary_id: number }>(
      t.db,
      sql`select beneficiary_id from commission_ledger where order_id = ${order!.id} and level = 1`,
    );
    expect(line?.beneficiary_id).toBe(co.ids[0]);
    await expectReconciled(t.db);
    // The next tick that day: nothing more charged.
    const intents = stand.offSessionIntents.length;
    await tick(new Date("2026-11-15T05:00:00Z"));
    expect(stand.offSessionIntents.length).toBe(intents);
  });

  it("a decline waits for its retry; a card saved with Stripe for the autoship (webhook) switches to it and pays the run at once", async () => {
    const card = await savedCard(2, "4000000000000341");
    const made = await createSubscription(t.db, {
      distributorId: co.ids[2]!,
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      dayOfMonth: 16,
      address: us,
      methodId: card.methodId,
      at,
    });
    await tick(new Date("2026-11-16T00:30:00Z"));
    expect(await runsOf(made.subscriptionId)).toEqual([{ cycle: "2026-11-16", status: "retrying", attempts: 1, last_error: "Your card was declined." }]);
    expect((await ordersOf(2)).at(-1)).toMatchObject({ status: "payment_failed", payment_error: "Your card was declined." });

    // "Change card": a setup session for this autoship; the member saves a good card; the webhook arrives first.
    const when = new Date("2026-11-16T09:00:00Z");
    const { url } = await stripeProvider.startCardSave!(t.db, { ...member(2), subscriptionId: made.subscriptionId, idempotencyKey: randomUUID() }, urls, when);
    const session = url.split("/").pop()!;
    expect(stand.sessions.get(session)!.metadata).toEqual({
      purpose: cardSavePurpose,
      distributor_id: String(co.ids[2]),
      subscription_id: String(made.subscriptionId),
    });
    const completed = stand.saveCard(session);
    expect((await deliver(t.db, stand, "checkout.session.completed", completed, when)).status).toBe(200);
    const [sub] = await queryRows<{ payment_method_id: number; last4: string }>(
      t.db,
      sql`select s.payment_method_id, m.last4 from subscriptions s join payment_methods m on m.id = s.payment_method_id where s.id = ${made.subscriptionId}`,
    );
    expect(sub!.last4).toBe("4242");
    // The member's return after it: the same card, no second switch.
    expect((await stripeProvider.finishCardSave!(t.db, { distributorId: co.ids[2]!, session }, when))?.methodId).toBe(sub!.payment_method_id);
    // The retry on the new card runs at once.
    await tick(when);
    expect((await runsOf(made.subscriptionId))[0]).toMatchObject({ status: "paid", attempts: 2 });
    const order = (await ordersOf(2)).at(-1)!;
    expect(order).toMatchObject({ status: "paid", payment_provider: "stripe" });
    expect(order.payment_reference).toMatch(/^pi_/);
    await expectReconciled(t.db);
  });
});
