import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { runDueJobs } from "@/lib/jobs/worker";
import { receiptTokenFor } from "@/lib/orders/receipts";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { stripeProvider } from "@/lib/payments/stripe";
import { cardSavePurpose } from "@/lib/payments/stripe-saved-cards";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { deliver, expectReconciled } from "@/tests/fixtures/stripe";
import { useStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in";
import { createCustomerSubscription } from "./customer";
import { autoshipJobHandlers, queueDueAutoship } from "./schedule";

// A retail customer's autoship with Stripe, against the local stand-in of
// Stripe's API: the card is saved on a setup session for the customer's guest
// order (a Stripe Customer of their own, never a member's), recorded on their
// return or from the webhook for that order only, and the autoship's run is an
// off-session charge that pays a retail order of the shop, with the ledger exact.

let t: TestDatabase;
let co: TestCompany;
let stand: StripeStandIn;
let stop: () => Promise<void>;
const at = new Date("2026-11-10T12:00:00Z");
const urls = { success: "https://portal.test/receipt/x", cancel: "https://portal.test/receipt/x?card=cancelled" };

async function guestOrder(key: string, email: string) {
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[1]!,
    kind: "retail",
    items: [{ productId: co.productIds[1]!, quantity: 1 }],
    idempotencyKey: key,
    customer: { name: "Stripe Customer", email },
    receiptTokenHash: receiptTokenFor(key).hash,
    at,
  });
  return paid.orderId;
}

async function startSave(orderId: number, email: string, subscriptionId: number | null = null) {
  const { url } = await stripeProvider.startCardSave!(
    t.db,
    { orderId, email, name: "Stripe Customer", subscriptionId, idempotencyKey: randomUUID() },
    urls,
    at,
  );
  return url.split("/").pop()!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, [null, 0]);
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

describe("a retail customer's card saved with Stripe", () => {
  it("is saved for their order only, on a Stripe Customer of their own, and their autoship is paid through Stripe", async () => {
    const orderId = await guestOrder("stripe-guest-1", "stripe1@customer.example");
    const before = stand.requests.length;
    const session = await startSave(orderId, "stripe1@customer.example");
    const calls = stand.requests.slice(before);
    expect(calls[0]!.body).toEqual({ email: "stripe1@customer.example", name: "Stripe Customer", metadata: { order_id: String(orderId) } });
    expect((calls[1]!.body as { metadata: unknown }).metadata).toEqual({ purpose: cardSavePurpose, order_id: String(orderId) });
    stand.saveCard(session, "4242424242424242");
    // Another order's customer, or a member with the same number as id, cannot take it.
    expect(await stripeProvider.finishCardSave!(t.db, { orderId: orderId + 1, session }, at)).toBeNull();
    expect(await stripeProvider.finishCardSave!(t.db, { distributorId: orderId, session }, at)).toBeNull();
    const saved = await stripeProvider.finishCardSave!(t.db, { orderId, session }, at);
    expect(saved).toMatchObject({ orderId, subscriptionId: null, last4: "4242" });
    const [row] = await queryRows<{ distributor_id: number | null; order_id: number }>(
      t.db,
      sql`select distributor_id, order_id from payment_methods where id = ${saved!.methodId}`,
    );
    expect(row).toEqual({ distributor_id: null, order_id: orderId });

    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 15, methodId: saved!.methodId, at });
    const when = new Date("2026-11-15T00:30:00Z");
    stand.clock = () => when;
    await queueDueAutoship(t.db, when);
    await runDueJobs(t.db, autoshipJobHandlers, when);
    const [order] = await queryRows<{ id: number; kind: string; status: string; payment_provider: string; seller_id: number }>(
      t.db,
      sql`select o.id, o.kind, o.status, o.payment_provider, o.seller_id from subscription_runs r join orders o on o.id = r.order_id where r.subscription_id = ${made.subscriptionId}`,
    );
    expect(order).toMatchObject({ kind: "retail", status: "paid", payment_provider: "stripe", seller_id: co.ids[1] });
    await expectReconciled(t.db);
  });

  it("from the webhook: a save for a running autoship switches it to the card", async () => {
    stand.clock = () => at;
    const orderId = await guestOrder("stripe-guest-2", "stripe2@customer.example");
    const first = await startSave(orderId, "stripe2@customer.example");
    stand.saveCard(first);
    const card = await stripeProvider.finishCardSave!(t.db, { orderId, session: first }, at);
    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 20, methodId: card!.methodId, at });
    const second = await startSave(orderId, "stripe2@customer.example", made.subscriptionId);
    const completed = stand.saveCard(second, "4000000000000341");
    expect((await deliver(t.db, stand, "checkout.session.completed", completed, at)).status).toBe(200);
    const [sub] = await queryRows<{ last4: string; order_id: number }>(
      t.db,
      sql`select m.last4, m.order_id from subscriptions s join payment_methods m on m.id = s.payment_method_id where s.id = ${made.subscriptionId}`,
    );
    expect(sub).toEqual({ last4: "0341", order_id: orderId });
  });
});
