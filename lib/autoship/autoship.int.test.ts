import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import type { ShippingAddress } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/worker";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { demoCards, placeDemoPaidOrder, saveDemoCard } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import {
  AutoshipError,
  cancelSubscription,
  changeCard,
  changeDay,
  changeItems,
  createSubscription,
  pauseSubscription,
  resumeSubscription,
  skipNextRun,
} from "./manage";
import { AUTOSHIP_RUN, runJobKey } from "./run";
import { autoshipJobHandlers, queueDueAutoship } from "./schedule";
import { signSkipToken, verifySkipToken } from "./skip-token";

// Autoship below the UI, with the clock injected: a subscription runs on its
// day through the ordinary order path (unpaid, charged to the saved demo card,
// counted when paid) and the ledger stays exact; skip, pause, catch-up after
// downtime, and a declining card retried on schedule, with its emails.

let t: TestDatabase;
let co: TestCompany;
const us: ShippingAddress = { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
// smallPlan: 0 ── 1 ── 2 ── 3 ── 4 ── 5 ── 6 (each its own autoship owner in one test)
const sponsors = [null, 0, 1, 2, 3, 4, 5];

const day = (iso: string) => new Date(iso);

/** Queues what is due at `at` and runs every due job, as the worker's tick does. */
async function tick(at: Date) {
  const queued = await queueDueAutoship(t.db, at);
  const ran = await runDueJobs(t.db, autoshipJobHandlers, at);
  return { ...queued, ...ran };
}

async function saveCard(index: number, number: string, at: Date) {
  const saved = await saveDemoCard(t.db, { distributorId: co.ids[index]!, card: { number, expiry: "12/30", cvc: "123" }, at });
  if (!saved.ok) throw new Error(saved.message);
  return saved.methodId;
}

async function subscribe(index: number, over: { dayOfMonth?: number; card?: string; at: Date; quantity?: number }) {
  const methodId = await saveCard(index, over.card ?? demoCards.success, over.at);
  return createSubscription(t.db, {
    distributorId: co.ids[index]!,
    items: [{ productId: co.productIds[2]!, quantity: over.quantity ?? 1 }],
    dayOfMonth: over.dayOfMonth ?? 15,
    address: us,
    methodId,
    at: over.at,
  });
}

const runsOf = (subscriptionId: number) =>
  queryRows<{ cycle: string; status: string; attempts: number; order_id: number | null; last_error: string | null; next_attempt_at: string | null }>(
    t.db,
    sql`select cycle::text as cycle, status, attempts, order_id, last_error, next_attempt_at::text from subscription_runs where subscription_id = ${subscriptionId} order by cycle`,
  );
const subscriptionOf = async (id: number) =>
  (
    await queryRows<{ status: string; next_run_on: string }>(t.db, sql`select status, next_run_on::text as next_run_on from subscriptions where id = ${id}`)
  )[0]!;
const ordersOf = (index: number) =>
  queryRows<{ id: number; status: string; total_cents: number; pv: number }>(
    t.db,
    sql`select id, status, total_cents::float8 as total_cents, pv from orders where seller_id = ${co.ids[index]!} order by id`,
  );
const chargesOf = (orderId: number) =>
  queryRows<{ outcome: string }>(t.db, sql`select outcome from demo_charges where order_id = ${orderId} order by created_at, id`);
/** The emails queued to a member (rendered by the mail worker; the notification's title is the subject). */
const emailsTo = (index: number) =>
  queryRows<{ subject: string }>(t.db, sql`select data->>'title' as subject from emails where to_address = ${`member${index}@test.example`} order by id`);

async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences, `period ${r.startsOn}`).toEqual([]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  // 0 is active (120 PV) in November, so the first run's level 1 pays it.
  await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[0]!,
    kind: "personal",
    items: [{ productId: co.productIds[2]!, quantity: 1 }],
    idempotencyKey: "root-november",
    at: day("2026-11-02T10:00:00Z"),
  });
});
afterAll(async () => {
  await t?.destroy();
});

describe("a subscription's runs", () => {
  it("runs on its day, through the order path, and pays the upline exactly", async () => {
    const made = await subscribe(1, { at: day("2026-11-12T10:00:00Z"), dayOfMonth: 15 });
    expect(made.nextRunOn).toBe("2026-11-15");
    // The day before: a reminder (within 3 days), no run.
    expect(await tick(day("2026-11-14T09:00:00Z"))).toMatchObject({ runs: 0, reminders: 1 });
    expect(await ordersOf(1)).toEqual([]);
    // Its day: one order of 99.99 (120 PV), charged and paid.
    expect(await tick(day("2026-11-15T00:30:00Z"))).toMatchObject({ runs: 1, failed: 0 });
    const [order] = await ordersOf(1);
    expect(order).toMatchObject({ status: "paid", total_cents: 9999, pv: 120 });
    expect(await chargesOf(order!.id)).toEqual([{ outcome: "succeeded" }]);
    expect(await runsOf(made.subscriptionId)).toEqual([
      { cycle: "2026-11-15", status: "paid", attempts: 1, order_id: order!.id, last_error: null, next_attempt_at: null },
    ]);
    expect(await subscriptionOf(made.subscriptionId)).toEqual({ status: "active", next_run_on: "2026-12-15" });
    // The sponsor (0) is paid level 1 on its commissionable value (80.01 at 10%).
    const [line] = await queryRows<{ beneficiary_id: number; amount: number }>(
      t.db,
      sql`select beneficiary_id, amount_cents::float8 as amount from commission_ledger where order_id = ${order!.id} and level = 1`,
    );
    expect(line).toEqual({ beneficiary_id: co.ids[0], amount: 800 });
    await expectReconciled();
    // Later the same day, and again an hour on: the cycle has run; nothing more.
    expect(await tick(day("2026-11-15T05:00:00Z"))).toMatchObject({ runs: 0, ran: 0 });
    expect(await ordersOf(1)).toHaveLength(1);
    // The reminder went out by email, with a skip link.
    expect((await emailsTo(1)).map((e) => e.subject)).toContain("Your autoship runs on November 15, 2026");
  });

  it("skips the next run once, then runs the one after", async () => {
    const made = await subscribe(2, { at: day("2026-11-12T10:00:00Z"), dayOfMonth: 20 });
    expect(await skipNextRun(t.db, { distributorId: co.ids[2]!, subscriptionId: made.subscriptionId, at: day("2026-11-13T10:00:00Z") })).toEqual({
      skipped: "2026-11-20",
      nextRunOn: "2026-12-20",
    });
    await tick(day("2026-11-20T01:00:00Z"));
    expect(await ordersOf(2)).toEqual([]);
    await tick(day("2026-12-20T01:00:00Z"));
    expect(await ordersOf(2)).toHaveLength(1);
    expect((await runsOf(made.subscriptionId)).map((r) => [r.cycle, r.status])).toEqual([
      ["2026-11-20", "skipped"],
      ["2026-12-20", "paid"],
    ]);
    await expectReconciled();
  });

  it("skips through the reminder's signed link only the run it names", async () => {
    const made = await subscribe(3, { at: day("2026-11-12T10:00:00Z"), dayOfMonth: 25 });
    const token = signSkipToken(authSecret(), made.subscriptionId, "2026-11-25");
    const named = verifySkipToken(authSecret(), token)!;
    expect(named).toEqual({ subscriptionId: made.subscriptionId, cycle: "2026-11-25" });
    expect(verifySkipToken(authSecret(), `${made.subscriptionId}.2026-12-25.${token.split(".")[2]}`)).toBeNull();
    expect(verifySkipToken("another secret", token)).toBeNull();
    await skipNextRun(t.db, { ...named, at: day("2026-11-22T10:00:00Z") });
    // Used again: that run is skipped already.
    await expect(skipNextRun(t.db, { ...named, at: day("2026-11-22T11:00:00Z") })).rejects.toThrow(AutoshipError);
    expect(await subscriptionOf(made.subscriptionId)).toEqual({ status: "active", next_run_on: "2026-12-25" });
    await cancelSubscription(t.db, { distributorId: co.ids[3]!, subscriptionId: made.subscriptionId, at: day("2026-11-22T12:00:00Z") });
  });

  it("holds while paused and resumes from a future date", async () => {
    const made = await subscribe(4, { at: day("2026-11-01T10:00:00Z"), dayOfMonth: 10 });
    const owner = { distributorId: co.ids[4]!, subscriptionId: made.subscriptionId };
    await pauseSubscription(t.db, { ...owner, at: day("2026-11-02T10:00:00Z") });
    await tick(day("2026-11-10T01:00:00Z"));
    await tick(day("2026-11-12T01:00:00Z"));
    expect(await ordersOf(4)).toEqual([]);
    // Resumed after its date: the missed date is not made up.
    expect(await resumeSubscription(t.db, { ...owner, at: day("2026-11-12T10:00:00Z") })).toBe("2026-12-10");
    await tick(day("2026-12-10T01:00:00Z"));
    expect(await ordersOf(4)).toHaveLength(1);
    // Another member cannot touch it.
    await expect(pauseSubscription(t.db, { distributorId: co.ids[5]!, subscriptionId: made.subscriptionId, at: day("2026-12-11T10:00:00Z") })).rejects.toThrow(
      AutoshipError,
    );
    // A day change after this month's run waits for next month.
    expect(await changeDay(t.db, { ...owner, dayOfMonth: 20, at: day("2026-12-11T10:00:00Z") })).toBe("2027-01-20");
    await cancelSubscription(t.db, { ...owner, at: day("2026-12-11T11:00:00Z") });
    await tick(day("2027-01-20T01:00:00Z"));
    expect(await ordersOf(4)).toHaveLength(1);
  });

  it("catches up once after three days down, then runs on its date", async () => {
    const made = await subscribe(5, { at: day("2027-01-01T10:00:00Z"), dayOfMonth: 5 });
    // The portal was down from the 4th to the 8th: the 5th's run is made once, on the 8th.
    const first = await tick(day("2027-01-08T10:00:00Z"));
    expect(first).toMatchObject({ runs: 1 });
    expect(await tick(day("2027-01-08T11:00:00Z"))).toMatchObject({ runs: 0, ran: 0 });
    expect(await ordersOf(5)).toHaveLength(1);
    expect(await subscriptionOf(made.subscriptionId)).toEqual({ status: "active", next_run_on: "2027-02-05" });
    // Down for two months: still one run for all it missed.
    await tick(day("2027-04-20T10:00:00Z"));
    expect(await ordersOf(5)).toHaveLength(2);
    expect(await subscriptionOf(made.subscriptionId)).toEqual({ status: "active", next_run_on: "2027-05-05" });
    await expectReconciled();
    await cancelSubscription(t.db, { distributorId: co.ids[5]!, subscriptionId: made.subscriptionId, at: day("2027-04-20T11:00:00Z") });
  });

  it("retries a declined card on +1, +3 and +5 days, emails each time, and stops after the last", async () => {
    const made = await subscribe(6, { at: day("2027-01-01T10:00:00Z"), dayOfMonth: 10, card: demoCards.decline });
    await tick(day("2027-01-10T02:00:00Z"));
    const [order] = await ordersOf(6);
    expect(order).toMatchObject({ status: "payment_failed" });
    let [run] = await runsOf(made.subscriptionId);
    expect(run).toMatchObject({ status: "retrying", attempts: 1, last_error: "Your card was declined. Try another card." });
    expect(run!.next_attempt_at).toMatch(/^2027-01-11 02:00:00/);
    // Not before its time.
    await tick(day("2027-01-11T01:00:00Z"));
    expect((await runsOf(made.subscriptionId))[0]!.attempts).toBe(1);
    await tick(day("2027-01-11T02:00:00Z"));
    expect((await runsOf(made.subscriptionId))[0]!.attempts).toBe(2);
    await tick(day("2027-01-13T02:00:00Z"));
    await tick(day("2027-01-15T02:00:00Z"));
    [run] = await runsOf(made.subscriptionId);
    expect(run).toMatchObject({ status: "failed", attempts: 4, next_attempt_at: null });
    expect(await subscriptionOf(made.subscriptionId)).toEqual({ status: "failed", next_run_on: "2027-02-10" });
    // One order, four declined charges, nothing counted.
    expect(await ordersOf(6)).toHaveLength(1);
    expect((await chargesOf(order!.id)).map((c) => c.outcome)).toEqual(["declined", "declined", "declined", "declined"]);
    expect(await queryRows(t.db, sql`select 1 from commission_ledger where order_id = ${order!.id}`)).toEqual([]);
    const subjects = (await emailsTo(6)).map((e) => e.subject);
    expect(subjects.filter((s) => s === "Your autoship payment was declined")).toHaveLength(3);
    expect(subjects).toContain("Your autoship is stopped: the card kept declining");
    // A stopped autoship does not run on its next date...
    await tick(day("2027-02-10T02:00:00Z"));
    expect(await ordersOf(6)).toHaveLength(1);
    // ...until a working card is saved: it starts again from its next date.
    const good = await saveCard(6, demoCards.success, day("2027-02-11T10:00:00Z"));
    expect(await changeCard(t.db, { distributorId: co.ids[6]!, subscriptionId: made.subscriptionId, methodId: good, at: day("2027-02-11T10:00:00Z") })).toEqual(
      {
        restarted: true,
        retrying: false,
        nextRunOn: "2027-03-10",
      },
    );
    await tick(day("2027-03-10T02:00:00Z"));
    // The declined cycle's order stays unpaid (the sweep expires it); the new one is paid.
    expect((await ordersOf(6)).map((o) => o.status)).toEqual(["payment_failed", "paid"]);
    await expectReconciled();
  });

  it("tries a declined run again at once on a new card", async () => {
    await cancelSubscription(t.db, { distributorId: co.ids[1]!, subscriptionId: (await ownSubscription(1))!, at: day("2027-03-01T10:00:00Z") });
    const made = await subscribe(1, { at: day("2027-03-01T10:00:00Z"), dayOfMonth: 3, card: demoCards.insufficientFunds });
    await tick(day("2027-03-03T02:00:00Z"));
    expect((await runsOf(made.subscriptionId))[0]).toMatchObject({ status: "retrying", last_error: "Your card has insufficient funds. Try another card." });
    const good = await saveCard(1, demoCards.success, day("2027-03-03T09:00:00Z"));
    const owner = { distributorId: co.ids[1]!, subscriptionId: made.subscriptionId };
    expect(await changeCard(t.db, { ...owner, methodId: good, at: day("2027-03-03T09:00:00Z") })).toMatchObject({ retrying: true });
    await runDueJobs(t.db, autoshipJobHandlers, day("2027-03-03T09:00:01Z"));
    expect((await runsOf(made.subscriptionId))[0]).toMatchObject({ status: "paid", attempts: 2 });
    // The scheduled retry finds the run paid and charges nothing.
    await tick(day("2027-03-04T02:00:00Z"));
    const [order] = (await ordersOf(1)).slice(-1);
    expect(order).toMatchObject({ status: "paid" });
    expect((await chargesOf(order!.id)).map((c) => c.outcome)).toEqual(["declined", "succeeded"]);
    // Items changed later apply to the next run.
    await changeItems(t.db, { ...owner, items: [{ productId: co.productIds[0]!, quantity: 3 }], at: day("2027-03-05T10:00:00Z") });
    await tick(day("2027-04-03T02:00:00Z"));
    expect((await ordersOf(1)).slice(-1)[0]).toMatchObject({ status: "paid", total_cents: 3000, pv: 60 });
    await expectReconciled();
  });

  it("runs on its day a cycle whose early job found it paused (the job's key does not hold it back)", async () => {
    await cancelSubscription(t.db, { distributorId: co.ids[2]!, subscriptionId: (await ownSubscription(2))!, at: day("2027-05-01T10:00:00Z") });
    const made = await subscribe(2, { at: day("2027-05-01T10:00:00Z"), dayOfMonth: 20 });
    const owner = { distributorId: co.ids[2]!, subscriptionId: made.subscriptionId };
    // An admin's "Run now" queues the cycle's own job; the member pauses before it runs, so it makes nothing...
    await enqueueJob(t.db, {
      kind: AUTOSHIP_RUN,
      key: runJobKey(made.subscriptionId, "2027-05-20"),
      payload: { subscriptionId: made.subscriptionId, cycle: "2027-05-20", attempt: 1 },
      at: day("2027-05-02T10:00:00Z"),
    });
    await pauseSubscription(t.db, { ...owner, at: day("2027-05-02T10:00:00Z") });
    await runDueJobs(t.db, autoshipJobHandlers, day("2027-05-02T10:00:01Z"));
    // ...then resumes, on the same date.
    expect(await resumeSubscription(t.db, { ...owner, at: day("2027-05-03T10:00:00Z") })).toBe("2027-05-20");
    await tick(day("2027-05-20T01:00:00Z"));
    expect((await runsOf(made.subscriptionId)).map((r) => [r.cycle, r.status])).toEqual([["2027-05-20", "paid"]]);
  });

  it("refuses a second autoship, a foreign card and a product that is not sold", async () => {
    const mine = await saveCard(1, demoCards.success, day("2027-04-05T10:00:00Z"));
    const base = {
      distributorId: co.ids[1]!,
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      dayOfMonth: 1,
      address: us,
      methodId: mine,
      at: day("2027-04-05T10:00:00Z"),
    };
    await expect(createSubscription(t.db, base)).rejects.toThrow("You already have an autoship");
    const theirs = await saveCard(2, demoCards.success, day("2027-04-05T10:00:00Z"));
    await expect(createSubscription(t.db, { ...base, distributorId: co.ids[3]!, methodId: theirs })).rejects.toThrow("This card is not saved on your account");
    await expect(
      createSubscription(t.db, {
        ...base,
        distributorId: co.ids[3]!,
        methodId: await saveCard(3, demoCards.success, base.at),
        items: [{ productId: 999_999, quantity: 1 }],
      }),
    ).rejects.toThrow("no longer available");
    await expect(createSubscription(t.db, { ...base, distributorId: co.ids[3]!, methodId: theirs, dayOfMonth: 29 })).rejects.toThrow("from 1 to 28");
  });
});

async function ownSubscription(index: number): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from subscriptions where distributor_id = ${co.ids[index]!} and status <> 'cancelled'`);
  return row?.id;
}
