import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { authSecret } from "@/lib/env";
import { runDueJobs } from "@/lib/jobs/worker";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { receiptTokenFor } from "@/lib/orders/receipts";
import { demoCards, placeDemoPaidOrder, saveDemoCard } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { createCustomerSubscription, customerOrigin, orderOfReceiptToken, sendNewManageLink, subscriptionOfManageToken } from "./customer";
import { cancelSubscription, changeCard, changeItems, createSubscription, pauseSubscription, skipNextRun } from "./manage";
import { managePath, signManageToken } from "./manage-token";
import { autoshipJobHandlers, queueDueAutoship } from "./schedule";

// A retail customer's autoship, below the UI and with the clock injected: a
// guest who paid an order through a referral shop starts one from it; its runs
// are retail orders sold by that shop's distributor, in the customer's name,
// paying the upline exactly; it is managed only through the signed link we
// email (revocable), and neither the distributor nor anyone else can touch it.

let t: TestDatabase;
let co: TestCompany;
// 0 ── 1 ── 2: distributor 1 runs the referral shop; 0 is their sponsor.
const sponsors = [null, 0, 1];
const day = (iso: string) => new Date(iso);
const customer = { name: "Casey Customer", email: "casey@customer.example" };

async function tick(at: Date) {
  const queued = await queueDueAutoship(t.db, at);
  const ran = await runDueJobs(t.db, autoshipJobHandlers, at);
  return { ...queued, ...ran };
}

/** A paid guest order through distributor 1's shop; its receipt token. */
async function guestOrder(key: string, at: Date, email = customer.email) {
  const receipt = receiptTokenFor(key);
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[1]!,
    kind: "retail",
    items: [{ productId: co.productIds[1]!, quantity: 2 }],
    idempotencyKey: key,
    customer: { ...customer, email },
    receiptTokenHash: receipt.hash,
    at,
  });
  return { orderId: paid.orderId, receipt: receipt.token };
}

async function customerCard(orderId: number, number: string, at: Date) {
  const saved = await saveDemoCard(t.db, { orderId, card: { number, expiry: "12/30", cvc: "123" }, at });
  if (!saved.ok) throw new Error(saved.message);
  return saved.methodId;
}

const emailsTo = (address: string) =>
  queryRows<{ title: string; href: string | null; body: string }>(
    t.db,
    sql`select data->>'title' as title, data->>'href' as href, data->>'body' as body from emails where to_address = ${address} order by id`,
  );

async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences, `period ${r.startsOn}`).toEqual([]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  // 0 and 1 are active in November (120 PV each), so the retail runs pay them.
  for (const i of [0, 1]) {
    await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[i]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: `active-${i}`,
      at: day("2026-11-02T10:00:00Z"),
    });
  }
});
afterAll(async () => {
  await t?.destroy();
});

describe("a retail customer's autoship", () => {
  it("starts from a paid guest order, runs as a retail order of its shop, pays exactly, and is managed by its emailed link", async () => {
    const at = day("2026-11-10T12:00:00Z");
    const { orderId, receipt } = await guestOrder("guest-1", at);
    expect(await orderOfReceiptToken(t.db, receipt)).toBe(orderId);
    expect(await customerOrigin(t.db, orderId)).toEqual({ orderId, subscriptionId: null, startable: true });
    const methodId = await customerCard(orderId, demoCards.success, at);
    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 14, methodId, at });
    expect(made.nextRunOn).toBe("2026-11-14");
    expect(await customerOrigin(t.db, orderId)).toEqual({ orderId, subscriptionId: made.subscriptionId, startable: true });

    // The customer is emailed the link that manages it; the link names this autoship.
    const token = signManageToken(authSecret(), made.subscriptionId, made.version);
    const [welcome] = await emailsTo(customer.email);
    expect(welcome).toMatchObject({ title: "Your autoship is on", href: managePath(token) });
    expect(await subscriptionOfManageToken(t.db, token)).toEqual({ subscriptionId: made.subscriptionId, sourceOrderId: orderId });

    // The reminder goes to the customer by email, with the manage link and a skip link.
    expect(await tick(day("2026-11-12T01:00:00Z"))).toMatchObject({ runs: 0, reminders: 1 });
    const reminder = (await emailsTo(customer.email)).find((e) => e.title === "Your autoship runs on November 14, 2026");
    expect(reminder?.href).toBe(managePath(token));
    expect(reminder?.body).toContain("/autoship/skip/");

    // Its day: a retail order sold by distributor 1, in the customer's name, with its own receipt link.
    expect(await tick(day("2026-11-14T00:30:00Z"))).toMatchObject({ runs: 1, failed: 0 });
    const [order] = await queryRows<{
      id: number;
      kind: string;
      status: string;
      seller_id: number;
      customer_email: string;
      total_cents: number;
      receipt_token_hash: string;
      idempotency_key: string;
    }>(
      t.db,
      sql`select id, kind, status, seller_id, customer_email, total_cents::float8 as total_cents, receipt_token_hash, idempotency_key
          from orders where idempotency_key like 'autoship:%'`,
    );
    expect(order).toMatchObject({ kind: "retail", status: "paid", seller_id: co.ids[1], customer_email: customer.email, total_cents: 6666 });
    expect(order!.receipt_token_hash).toBe(receiptTokenFor(order!.idempotency_key).hash);
    // Distributor 1 earns on their customer's sale; 0 is paid level 1 on it.
    const lines = await queryRows<{ beneficiary_id: number; level: number }>(
      t.db,
      sql`select beneficiary_id, level from commission_ledger where order_id = ${order!.id} order by level`,
    );
    expect(lines.map((l) => [l.beneficiary_id, l.level])).toEqual([
      [co.ids[1], 0],
      [co.ids[0], 1],
    ]);
    await expectReconciled();
    // A member's autoship lists stay the members': the seller has no autoship of their own.
    const [mine] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from subscriptions where distributor_id = ${co.ids[1]!}`);
    expect(mine!.n).toBe(0);
  });

  it("is the customer's alone: the shop's distributor, another order's link and another owner's card cannot touch it", async () => {
    const at = day("2026-11-10T12:00:00Z");
    const { orderId } = await guestOrder("guest-2", at, "other@customer.example");
    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 20, methodId: await customerCard(orderId, demoCards.success, at), at });
    const items = [{ productId: co.productIds[0]!, quantity: 1 }];
    await expect(changeItems(t.db, { distributorId: co.ids[1]!, subscriptionId: made.subscriptionId, items, at })).rejects.toThrow("does not exist");
    await expect(pauseSubscription(t.db, { sourceOrderId: orderId + 999, subscriptionId: made.subscriptionId, at })).rejects.toThrow("does not exist");
    await expect(skipNextRun(t.db, { distributorId: co.ids[1]!, subscriptionId: made.subscriptionId, at })).rejects.toThrow("does not exist");
    // The distributor's card is not the customer's, nor the customer's theirs.
    const sellerCard = await saveDemoCard(t.db, { distributorId: co.ids[1]!, card: { number: demoCards.success, expiry: "12/30", cvc: "123" }, at });
    if (!sellerCard.ok) throw new Error(sellerCard.message);
    await expect(changeCard(t.db, { sourceOrderId: orderId, subscriptionId: made.subscriptionId, methodId: sellerCard.methodId, at })).rejects.toThrow(
      "not saved for your autoship",
    );
    const [customerMethod] = await queryRows<{ id: number }>(t.db, sql`select payment_method_id as id from subscriptions where id = ${made.subscriptionId}`);
    await expect(
      createSubscription(t.db, { distributorId: co.ids[1]!, items, dayOfMonth: 3, address: { ...demoAddress }, methodId: customerMethod!.id, at }),
    ).rejects.toThrow("not saved on your account");
    // The customer's own changes work, within a guest order's size.
    await changeItems(t.db, { sourceOrderId: orderId, subscriptionId: made.subscriptionId, items, at });
    await expect(
      changeItems(t.db, { sourceOrderId: orderId, subscriptionId: made.subscriptionId, items: [{ productId: co.productIds[0]!, quantity: 11 }], at }),
    ).rejects.toThrow("at most 10 items");
    // One autoship per order at a time; a cancelled one can be started again.
    await expect(
      createCustomerSubscription(t.db, { orderId, dayOfMonth: 5, methodId: await customerCard(orderId, demoCards.success, at), at }),
    ).rejects.toThrow("already has an autoship");
    await cancelSubscription(t.db, { sourceOrderId: orderId, subscriptionId: made.subscriptionId, at });
    const again = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 5, methodId: await customerCard(orderId, demoCards.success, at), at });
    expect(again.subscriptionId).not.toBe(made.subscriptionId);
  });

  it("starts only from a paid retail order", async () => {
    const at = day("2026-11-10T12:00:00Z");
    const personal = await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[2]!,
      kind: "personal",
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      idempotencyKey: "member-own",
      at,
    });
    expect(await customerOrigin(t.db, personal.orderId)).toBeNull();
    await expect(createCustomerSubscription(t.db, { orderId: personal.orderId, dayOfMonth: 5, methodId: 1, at })).rejects.toThrow("starts from a paid order");
    const { orderId } = await guestOrder("guest-refunded", at, "refund@customer.example");
    await t.db.execute(sql`update orders set status = 'refunded', refunded_at = ${at.toISOString()}::timestamptz where id = ${orderId}`);
    await expect(
      createCustomerSubscription(t.db, { orderId, dayOfMonth: 5, methodId: await customerCard(orderId, demoCards.success, at), at }),
    ).rejects.toThrow("once this order is paid");
  });

  it("a new link makes every earlier link stop working", async () => {
    const at = day("2026-11-10T12:00:00Z");
    const email = "links@customer.example";
    const { orderId } = await guestOrder("guest-links", at, email);
    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 21, methodId: await customerCard(orderId, demoCards.success, at), at });
    const first = signManageToken(authSecret(), made.subscriptionId, made.version);
    await sendNewManageLink(t.db, { subscriptionId: made.subscriptionId, sourceOrderId: orderId, at });
    expect(await subscriptionOfManageToken(t.db, first)).toBeNull();
    const second = signManageToken(authSecret(), made.subscriptionId, made.version + 1);
    expect(await subscriptionOfManageToken(t.db, second)).toEqual({ subscriptionId: made.subscriptionId, sourceOrderId: orderId });
    const sent = await emailsTo(email);
    expect(sent.map((e) => [e.title, e.href])).toEqual([
      ["Your autoship is on", managePath(first)],
      ["Your new autoship link", managePath(second)],
    ]);
    // Another order's customer cannot rotate it.
    await expect(sendNewManageLink(t.db, { subscriptionId: made.subscriptionId, sourceOrderId: orderId + 1, at })).rejects.toThrow("does not exist");
  });

  it("a declined card emails the customer a link to fix it, and retries on schedule", async () => {
    const at = day("2026-11-10T12:00:00Z");
    const email = "declined@customer.example";
    const { orderId } = await guestOrder("guest-declined", at, email);
    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 25, methodId: await customerCard(orderId, demoCards.decline, at), at });
    await tick(day("2026-11-25T00:30:00Z"));
    const [run] = await queryRows<{ status: string; attempts: number }>(
      t.db,
      sql`select status, attempts from subscription_runs where subscription_id = ${made.subscriptionId}`,
    );
    expect(run).toEqual({ status: "retrying", attempts: 1 });
    const declined = (await emailsTo(email)).find((e) => e.title === "Your autoship payment was declined");
    expect(declined?.href).toBe(managePath(signManageToken(authSecret(), made.subscriptionId, made.version)));
    expect(declined?.body).toContain("We will try again on November 26, 2026");
  });

  it("a paced scheduler spreads a day's runs out at the deployment's pace", async () => {
    const at = day("2026-11-10T12:00:00Z");
    const mine: number[] = [];
    for (const n of [1, 2, 3]) {
      const { orderId } = await guestOrder(`guest-paced-${n}`, at, `paced${n}@customer.example`);
      mine.push(
        (await createCustomerSubscription(t.db, { orderId, dayOfMonth: 27, methodId: await customerCard(orderId, demoCards.success, at), at })).subscriptionId,
      );
    }
    const tick = day("2026-11-27T00:10:00Z");
    await queueDueAutoship(t.db, tick, { runsPerSecond: 2 });
    const jobs = await queryRows<{ subscription_id: number; run_at: string }>(
      t.db,
      sql`select (payload->>'subscriptionId')::int as subscription_id, to_char(run_at at time zone 'UTC', 'HH24:MI:SS.MS') as run_at
          from jobs where kind = 'autoship.run' and (payload->>'cycle') = '2026-11-27' order by run_at`,
    );
    // Nothing else is due on the 27th: these three, half a second apart from the tick.
    expect(jobs).toEqual([
      { subscription_id: mine[0], run_at: "00:10:00.000" },
      { subscription_id: mine[1], run_at: "00:10:00.500" },
      { subscription_id: mine[2], run_at: "00:10:01.000" },
    ]);
  });
});

const demoAddress = { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
