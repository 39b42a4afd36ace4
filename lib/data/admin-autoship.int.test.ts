// The admin autoship page (/admin/autoship): the subscriptions list and its
// filters (failing = stopped, or a run waiting for a retry), the next 30 days'
// runs per date with exact totals at today's prices, the failures, and "Run
// now": the scheduler's own job, queued once however often it is clicked,
// refused unless active, audited.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { ShippingAddress } from "@/db/schema";
import { AdminError } from "@/lib/admin/errors";
import { createSubscription, pauseSubscription, resumeSubscription, cancelSubscription } from "@/lib/autoship/manage";
import { runSubscriptionCycle } from "@/lib/autoship/run";
import { autoshipJobHandlers, queueDueAutoship } from "@/lib/autoship/schedule";
import { runDueJobs } from "@/lib/jobs/worker";
import { demoCards, saveDemoCard } from "@/lib/payments/demo";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({ db: null as Database | null, userId: null as number | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.userId === null ? null : { user: { id: String(state.userId), sv: 1 } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { getAdminAutoship } = await import("./admin-autoship");
const { runSubscriptionNow } = await import("@/lib/admin/autoship");

let t: TestDatabase;
let co: TestCompany;
let adminId: number;
const today = "2026-12-03";
const at = new Date("2026-12-03T12:00:00Z");
const us: ShippingAddress = { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
const ca: ShippingAddress = { name: "A Member", line1: "1 Rue Principale", city: "Montreal", region: "QC", postalCode: "H2X 1Y4", country: "CA" };
/** Subscription ids by member index. */
const sub: Record<number, number> = {};

async function subscribe(member: number, o: { day: number; items: [number, number][]; address?: ShippingAddress; card?: string; at?: Date }) {
  const saved = await saveDemoCard(t.db, {
    distributorId: co.ids[member]!,
    card: { number: o.card ?? demoCards.success, expiry: "12/30", cvc: "123" },
    at: o.at ?? at,
  });
  if (!saved.ok) throw new Error(saved.message);
  const made = await createSubscription(t.db, {
    distributorId: co.ids[member]!,
    items: o.items.map(([product, quantity]) => ({ productId: co.productIds[product]!, quantity })),
    dayOfMonth: o.day,
    address: o.address ?? us,
    methodId: saved.methodId,
    at: o.at ?? at,
  });
  sub[member] = made.subscriptionId;
  return made.subscriptionId;
}

const asAdmin = async <T>(fn: () => Promise<T>) => {
  state.userId = adminId;
  try {
    return await fn();
  } finally {
    state.userId = null;
  }
};
const overview = (filter: "all" | "active" | "paused" | "failing" = "all", page = 1) => asAdmin(() => getAdminAutoship({ filter, page }, today));
const jobsWithKey = (prefix: string) =>
  queryRows<{ key: string; status: string; payload: unknown }>(t.db, sql`select key, status, payload from jobs where key like ${`${prefix}%`} order by id`);
const subscriptionOf = async (id: number) =>
  (
    await queryRows<{ status: string; next_run_on: string }>(t.db, sql`select status, next_run_on::text as next_run_on from subscriptions where id = ${id}`)
  )[0]!;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "went through",
    (e: unknown) => (e instanceof AdminError ? e.message : Promise.reject(e)),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  // Products: 0 Small 10.00 / 20 PV, 1 Mid 33.33 / 40 PV, 2 Big 99.99 / 120 PV. Shipping: US free, CA 7.50.
  co = await createCompany(t.db, [null, 0, 1, 2, 3, 4, 5, 6]);
  adminId = await createAdmin(t.db);
  await subscribe(0, { day: 10, items: [[2, 1]] }); // active, but its member is terminated below
  await subscribe(1, { day: 10, items: [[2, 1]] }); // 99.99, 120 PV, on the 10th
  await subscribe(2, {
    day: 11,
    items: [
      [0, 2],
      [1, 1],
    ],
    address: ca,
  }); // 20.00 + 33.33 + 7.50 = 60.83, 80 PV, on the 11th
  await subscribe(3, { day: 1, items: [[0, 1]] }); // 10.00, 20 PV; overdue (the 1st passed while nothing ran)
  await t.db.execute(sql`update subscriptions set next_run_on = '2026-12-01' where id = ${sub[3]}`);
  await subscribe(4, { day: 10, items: [[1, 1]] });
  await pauseSubscription(t.db, { distributorId: co.ids[4]!, subscriptionId: sub[4]!, at });
  // 5: stopped after its last retry was declined.
  await subscribe(5, { day: 20, items: [[1, 1]], card: demoCards.decline, at: new Date("2026-10-15T12:00:00Z") });
  await t.db.execute(sql`update subscriptions set status = 'failed', next_run_on = '2026-11-20' where id = ${sub[5]}`);
  await t.db.execute(
    sql`insert into subscription_runs (subscription_id, cycle, status, attempts, last_error, created_at, updated_at)
        values (${sub[5]}, '2026-10-20', 'failed', 4, 'Your card was declined. Try another card.', '2026-10-20T01:00:00Z', '2026-10-25T01:00:00Z')`,
  );
  // 6: active, its November order declined and waiting for its retry (run through the real path; the retry's job is held back).
  await subscribe(6, { day: 2, items: [[2, 1]], card: demoCards.decline, at: new Date("2026-11-01T12:00:00Z") });
  expect(await runSubscriptionCycle(t.db, { subscriptionId: sub[6]!, cycle: "2026-11-02", key: "test:6", at: new Date("2026-11-02T01:00:00Z") })).toMatchObject(
    {
      kind: "declined",
    },
  );
  await t.db.execute(sql`update subscription_runs set next_attempt_at = '2026-12-05T01:00:00Z' where subscription_id = ${sub[6]}`);
  await t.db.execute(sql`update jobs set run_at = '2026-12-05T01:00:00Z' where key like ${`autoship.run:${sub[6]}:%`}`);
  await subscribe(7, { day: 10, items: [[0, 1]] });
  await cancelSubscription(t.db, { distributorId: co.ids[7]!, subscriptionId: sub[7]!, at });
  await t.db.execute(sql`update distributors set status = 'terminated' where id = ${co.ids[0]!}`);
});
afterAll(async () => {
  await t?.destroy();
});

describe("the reads", () => {
  it("are for admins only", async () => {
    await expect(getAdminAutoship({ filter: "all", page: 1 }, today)).rejects.toThrow("redirect");
    state.userId = null;
  });

  it("lists every subscription, cancelled last, with its next order at today's prices, card and last run", async () => {
    const { subscriptions, total } = await overview();
    expect(total).toBe(8);
    expect(subscriptions.map((s) => s.id)).toEqual([sub[5], sub[3], sub[6], sub[0], sub[1], sub[4], sub[2], sub[7]]);
    const two = subscriptions.find((s) => s.id === sub[2])!;
    expect(two).toMatchObject({
      distributorId: co.ids[2],
      memberName: "Member 2",
      status: "active",
      dayOfMonth: 11,
      nextRunOn: "2026-12-11",
      items: "1 × Mid, 2 × Small",
      totalCents: 6083,
      pv: 80,
      card: { brand: "Visa", last4: "4242" },
      lastRun: null,
      retrying: false,
      runQueued: false,
    });
    const six = subscriptions.find((s) => s.id === sub[6])!;
    expect(six).toMatchObject({ status: "active", retrying: true, lastRun: { cycle: "2026-11-02", status: "retrying", attempts: 1 } });
    expect(six.lastRun!.lastError).toMatch(/declined/);
    expect(six.lastRun!.nextAttemptAt).toBe("2026-12-05T01:00:00Z");
    expect(subscriptions.find((s) => s.id === sub[0])!.memberTerminated).toBe(true);
  });

  it("filters: active, paused, and failing (stopped, or a run waiting for a retry)", async () => {
    const ids = async (filter: "active" | "paused" | "failing") => {
      const { subscriptions, total } = await overview(filter);
      expect(total).toBe(subscriptions.length);
      return subscriptions.map((s) => s.id).sort((a, b) => a - b);
    };
    expect(await ids("active")).toEqual([sub[0], sub[1], sub[2], sub[3], sub[6]].sort((a, b) => a! - b!));
    expect(await ids("paused")).toEqual([sub[4]]);
    expect(await ids("failing")).toEqual([sub[5], sub[6]].sort((a, b) => a! - b!));
    // A page past the end: no rows, the count stays.
    expect(await overview("all", 2)).toMatchObject({ subscriptions: [], total: 8 });
  });

  it("counts the next 30 days' orders per date, with exact totals and PV", async () => {
    const { upcoming } = await overview();
    expect(upcoming).toEqual([
      // Overdue (3 on the 1st, 6 on the 2nd): they run at the scheduler's next tick.
      { date: "2026-12-03", subscriptions: 2, totalCents: 1000 + 9999, pv: 20 + 120 },
      // 1 (0's member is terminated, 4 is paused: neither runs).
      { date: "2026-12-10", subscriptions: 1, totalCents: 9999, pv: 120 },
      { date: "2026-12-11", subscriptions: 1, totalCents: 6083, pv: 80 },
      // 3 again, a month after its catch-up run: the window's last day.
      { date: "2027-01-01", subscriptions: 1, totalCents: 1000, pv: 20 },
    ]);
  });

  it("lists the failures: waiting for a retry first, with the reason, attempts and next attempt", async () => {
    const { failures } = await overview();
    expect(failures.map((f) => [f.subscriptionId, f.status, f.attempts, f.nextAttemptAt])).toEqual([
      [sub[6], "retrying", 1, "2026-12-05T01:00:00Z"],
      [sub[5], "failed", 4, null],
    ]);
    expect(failures[0]).toMatchObject({ memberName: "Member 6", cycle: "2026-11-02", totalCents: 9999 });
    expect(failures[0]!.orderId).not.toBeNull();
    expect(failures[1]!.lastError).toBe("Your card was declined. Try another card.");
  });
});

describe("run now", () => {
  it("queues the scheduler's job for the next order once, however often it is clicked, and audits it", async () => {
    const key = `autoship.run:${sub[1]}:2026-12-10`;
    const ran = await runSubscriptionNow(t.db, adminId, { subscriptionId: sub[1]!, cycle: "2026-12-10" }, at);
    expect(ran).toEqual({ cycle: "2026-12-10", nextRunOn: "2027-01-10", memberName: "Member 1" });
    expect(await jobsWithKey(`autoship.run:${sub[1]}:`)).toEqual([
      { key, status: "queued", payload: { subscriptionId: sub[1], cycle: "2026-12-10", attempt: 1 } },
    ]);
    const [entry] = await auditEntries(t.db, "autoship.run_now");
    expect(entry).toMatchObject({ actorUserId: adminId, entity: "subscription", entityId: String(sub[1]), before: { nextRunOn: "2026-12-10" } });
    expect(entry!.after).toEqual({
      summary: "Ran Member 1's December 10, 2026 autoship order now: $99.99 to Visa ending 4242.",
      nextRunOn: "2027-01-10",
      job: key,
    });
    expect((await overview("active")).subscriptions.find((s) => s.id === sub[1])!.runQueued).toBe(true);

    // Clicked again before the worker ran it: refused, still one job, one audit entry.
    expect(await refusal(runSubscriptionNow(t.db, adminId, { subscriptionId: sub[1]!, cycle: "2026-12-10" }, at))).toMatch(/already queued/);
    expect(await jobsWithKey(`autoship.run:${sub[1]}:`)).toHaveLength(1);

    // The 10th comes before the worker has run it: the scheduler finds that cycle's job there, and queues no second one.
    await queueDueAutoship(t.db, new Date("2026-12-10T00:30:00Z"));
    expect(await jobsWithKey(`autoship.run:${sub[1]}:`)).toHaveLength(1);

    // The worker runs it: paid, and the subscription moves to the month after.
    await runDueJobs(t.db, autoshipJobHandlers, at);
    expect(await subscriptionOf(sub[1]!)).toEqual({ status: "active", next_run_on: "2027-01-10" });
    const [run] = await queryRows<{ cycle: string; status: string }>(
      t.db,
      sql`select cycle::text as cycle, status from subscription_runs where subscription_id = ${sub[1]}`,
    );
    expect(run).toEqual({ cycle: "2026-12-10", status: "paid" });

    // The same click from a stale page now names a cycle that has run: refused (it does not run January instead).
    expect(await refusal(runSubscriptionNow(t.db, adminId, { subscriptionId: sub[1]!, cycle: "2026-12-10" }, at))).toMatch(
      /next order is now the January 10, 2027 one/,
    );
    expect(await auditEntries(t.db, "autoship.run_now")).toHaveLength(1);
  });

  it("is refused for a paused, cancelled or stopped autoship, a terminated member, or a run waiting for its retry", async () => {
    const before = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from jobs`))[0]!.n;
    const cases: [number, string, RegExp][] = [
      [4, "2026-12-10", /is paused: only an active one/],
      [7, "2026-12-10", /is cancelled: only an active one/],
      [5, "2026-11-20", /stopped: its card was declined/],
      [0, "2026-12-10", /terminated/],
      [6, "2026-12-02", /waiting for its retry/],
    ];
    for (const [member, cycle, message] of cases) {
      expect(await refusal(runSubscriptionNow(t.db, adminId, { subscriptionId: sub[member]!, cycle }, at)), `member ${member}`).toMatch(message);
    }
    expect(await refusal(runSubscriptionNow(t.db, adminId, { subscriptionId: 999_999, cycle: "2026-12-10" }, at))).toMatch(/does not exist/);
    expect((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from jobs`))[0]!.n).toBe(before);
    expect(await auditEntries(t.db, "autoship.run_now")).toHaveLength(1);
  });

  it("queues its job again when it ran while the autoship was paused (the same job row), so the order is not lost", async () => {
    const key = `autoship.run:${sub[2]}:2026-12-11`;
    await runSubscriptionNow(t.db, adminId, { subscriptionId: sub[2]!, cycle: "2026-12-11" }, at);
    await pauseSubscription(t.db, { distributorId: co.ids[2]!, subscriptionId: sub[2]!, at });
    await runDueJobs(t.db, autoshipJobHandlers, at);
    expect(await jobsWithKey(key)).toMatchObject([{ status: "done" }]);
    expect(await resumeSubscription(t.db, { distributorId: co.ids[2]!, subscriptionId: sub[2]!, at })).toBe("2026-12-11");
    await runSubscriptionNow(t.db, adminId, { subscriptionId: sub[2]!, cycle: "2026-12-11" }, at);
    expect(await jobsWithKey(key)).toMatchObject([{ status: "queued" }]);
    await runDueJobs(t.db, autoshipJobHandlers, at);
    expect(await subscriptionOf(sub[2]!)).toEqual({ status: "active", next_run_on: "2027-01-11" });
    const [order] = await queryRows<{ status: string; total_cents: number }>(
      t.db,
      sql`select status, total_cents::float8 as total_cents from orders where seller_id = ${co.ids[2]!}`,
    );
    expect(order).toEqual({ status: "paid", total_cents: 6083 });
    expect(await auditEntries(t.db, "autoship.run_now")).toHaveLength(3);
  });
});
