// The events that notify: receipts (member and guest) and refund notices, rank
// advancements, period earnings, payouts marked paid and announcements. Each
// is once per event, even when the action or its job runs again.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionPeriods, distributors, emails, jobs, notificationPreferences, notifications, orders, users } from "@/db/schema";
import { announcementFanOut, ANNOUNCEMENT_FAN_OUT, listAnnouncements, sendAnnouncement } from "@/lib/admin/announcements";
import { AdminError } from "@/lib/admin/errors";
import { markPayoutBatchPaid } from "@/lib/admin/payouts";
import { PAYOUT_PAID, payoutPaidFanOut, PERIOD_EARNINGS, periodEarningsFanOut } from "@/lib/admin/period-notices";
import { closePeriodAudited } from "@/lib/admin/periods";
import { runDueJobs, type ClaimedJob, type JobHandler, type JobHandlers } from "@/lib/jobs/worker";
import { loadBrand } from "@/lib/mail/brand";
import { renderEmail } from "@/lib/mail/render";
import { confirmPayment } from "@/lib/orders/confirm";
import { createOrder } from "@/lib/orders/create";
import { ORDER_NOTICE, sendOrderNotice } from "@/lib/orders/receipt-notices";
import { hashReceiptToken, receiptTokenFor, receiptTokenOf } from "@/lib/orders/receipts";
import { refundOrder } from "@/lib/orders/refund";
import { payWithDemoCard, placeDemoPaidOrder } from "@/lib/payments/demo";
import { RANK_CHECK, rankCheck } from "@/lib/team/rank-notices";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

let t: TestDatabase;
let co: TestCompany;
let admin: number;

const at = new Date("2026-11-10T10:00:00Z");
const closeAt = new Date("2026-12-02T09:00:00Z");

// Chunks of 2, so every fan-out here runs across several chunks (and jobs).
const handlers: JobHandlers = {
  [ORDER_NOTICE]: sendOrderNotice,
  [PERIOD_EARNINGS]: periodEarningsFanOut(2),
  [PAYOUT_PAID]: payoutPaidFanOut(2),
  [RANK_CHECK]: rankCheck(2),
  [ANNOUNCEMENT_FAN_OUT]: announcementFanOut(2),
};

/** Runs a job again as if its worker had died after the commit: the same key, payload and handler. */
async function rerun(key: string, handler: JobHandler, when = at) {
  const [row] = await t.db.select().from(jobs).where(eq(jobs.key, key));
  const job: ClaimedJob = { id: row!.id, kind: row!.kind, key: row!.key, payload: row!.payload as Record<string, unknown>, attempts: 2, maxAttempts: 8 };
  await handler({ db: t.db, job, at: when });
}

const count = async (where: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from notifications where ${where}`))[0]!.n;
const emailCount = async (where: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from emails where ${where}`))[0]!.n;
const userOf = async (member: number) =>
  (await t.db.select({ userId: distributors.userId }).from(distributors).where(eq(distributors.id, co.ids[member]!)))[0]!.userId;

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2, 1 <- 3, 0 <- 4.
  co = await createCompany(t.db, [null, 0, 1, 1, 0]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

describe("order receipts", () => {
  let memberOrder: number;

  it("tells a member their order is paid once: a replayed confirmation and a retried job add nothing", async () => {
    const paid = await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[1]!,
      kind: "personal",
      items: [{ productId: co.productIds[0]!, quantity: 2 }],
      idempotencyKey: "m-1",
      at,
    });
    memberOrder = paid.orderId;
    const [order] = await t.db.select().from(orders).where(eq(orders.id, memberOrder));
    const again = await confirmPayment(t.db, {
      orderId: memberOrder,
      provider: "demo",
      reference: order!.paymentReference!,
      amountCents: order!.totalCents,
      at,
    });
    expect(again.confirmed).toBe(false);
    expect(
      await t.db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `order:${memberOrder}:paid`)),
    ).toHaveLength(1);
    await runDueJobs(t.db, handlers, at);
    await rerun(`order:${memberOrder}:paid`, sendOrderNotice);
    const user = await userOf(1);
    const rows = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `order:${memberOrder}:paid`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: user,
      kind: "order_receipt",
      title: `Receipt for order #${memberOrder}`,
      href: `/dashboard/orders/${memberOrder}`,
    });
    expect(rows[0]!.body).toContain("2 × Small: $20.00");
    const mail = await t.db
      .select()
      .from(emails)
      .where(eq(emails.eventKey, `notify:${user}:order:${memberOrder}:paid`));
    // Essential: no unsubscribe category.
    expect(mail).toHaveLength(1);
    expect(mail[0]!.category).toBeNull();
  });

  it("emails a guest their receipt with a link that opens their order", async () => {
    const key = randomUUID();
    const receipt = receiptTokenFor(key);
    const made = await createOrder(t.db, {
      sellerId: co.ids[2]!,
      kind: "retail",
      items: [{ productId: co.productIds[1]!, quantity: 1 }],
      idempotencyKey: key,
      customer: { name: "Gail Guest", email: "gail@test.example" },
      shippingAddress: { name: "Gail Guest", line1: "1 Elm St", city: "Springfield", region: "IL", postalCode: "62701", country: "US" },
      provider: "demo",
      receiptTokenHash: receipt.hash,
      at,
    });
    const paid = await payWithDemoCard(t.db, { orderId: made.orderId, digits: "4242424242424242", idempotencyKey: `${key}:pay`, at });
    expect(paid.kind).toBe("paid");
    await runDueJobs(t.db, handlers, at);
    await rerun(`order:${made.orderId}:paid`, sendOrderNotice);
    const mail = await t.db
      .select()
      .from(emails)
      .where(eq(emails.eventKey, `order:${made.orderId}:paid`));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: "gail@test.example", template: "order-receipt", userId: null, category: null });
    const rendered = await renderEmail(mail[0]!.template, mail[0]!.data, await loadBrand(t.db));
    expect(rendered.subject).toBe(`Your receipt from Test Co: order #${made.orderId}`);
    expect(rendered.text).toContain("1 × Mid");
    expect(rendered.text).toContain("$33.33");
    expect(rendered.text).toContain("1 Elm St");
    const link = /https?:\/\/[^\s"<>]+\/receipt\/([A-Za-z0-9_-]{43})/.exec(rendered.html);
    expect(link).not.toBeNull();
    // The link's token is the one whose hash the order stores: the receipt page finds the order by it.
    const [byLink] = await t.db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.receiptTokenHash, hashReceiptToken(link![1]!)));
    expect(byLink?.id).toBe(made.orderId);
    // No notification row: a guest has no account.
    expect(await count(sql`event_key = ${`order:${made.orderId}:paid`}`)).toBe(0);
  });

  it("cannot recompute the link of an order made before derived tokens (its email says so instead)", () => {
    expect(receiptTokenOf({ idempotencyKey: randomUUID(), receiptTokenHash: hashReceiptToken("r".repeat(43)) })).toBeNull();
    const key = randomUUID();
    expect(receiptTokenOf({ idempotencyKey: key, receiptTokenHash: receiptTokenFor(key).hash })).toBe(receiptTokenFor(key).token);
  });

  it("sends one refund notice, however often the refund is tried", async () => {
    await refundOrder(t.db, memberOrder, { reason: "Damaged in transit", at });
    await expect(refundOrder(t.db, memberOrder, { reason: "Again", at })).rejects.toThrow(/already refunded/);
    await runDueJobs(t.db, handlers, at);
    await rerun(`order:${memberOrder}:refunded`, sendOrderNotice);
    const rows = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `order:${memberOrder}:refunded`));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe(`Order #${memberOrder} refunded`);
    expect(rows[0]!.body).toContain("Reason: Damaged in transit");
  });
});

describe("rank advancements", () => {
  let nov: number;

  it("tells each distributor of a new high rank once per rank and period", async () => {
    // Everyone active (PV 120 each): the uplines earn on their downlines' orders.
    for (const member of [0, 1, 2, 3, 4]) {
      await placeDemoPaidOrder(t.db, {
        sellerId: co.ids[member]!,
        kind: "personal",
        items: [{ productId: co.productIds[2]!, quantity: 1 }],
        idempotencyKey: `r-${member}`,
        at,
      });
    }
    nov = (await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2026-11-01")))[0]!.id;
    const ranked = await queryRows<{ user_id: number; rank_position: number }>(
      t.db,
      sql`select d.user_id, s.rank_position from distributor_period_stats s join distributors d on d.id = s.distributor_id where s.period_id = ${nov} and s.rank_position is not null`,
    );
    expect(ranked.length).toBeGreaterThan(2);
    // The hour's check: one job per open period, which walks it in chunks.
    await t.db.insert(jobs).values({ kind: RANK_CHECK, key: "rank-check:2026-11-10T10", payload: {}, runAt: at, createdAt: at });
    await runDueJobs(t.db, handlers, at);
    expect(await count(sql`kind = 'rank_advancement'`)).toBe(ranked.length);
    const [one] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "rank_advancement"), eq(notifications.userId, ranked[0]!.user_id)));
    expect(one!.eventKey).toBe(`rank:${nov}:${ranked[0]!.rank_position}`);
    // The next hour's check, and a retried chunk, find nothing new.
    await t.db.insert(jobs).values({ kind: RANK_CHECK, key: "rank-check:2026-11-10T11", payload: {}, runAt: at, createdAt: at });
    await runDueJobs(t.db, handlers, at);
    await rerun(`rank-check:${nov}:2026-11-10T10`, rankCheck(2));
    expect(await count(sql`kind = 'rank_advancement'`)).toBe(ranked.length);
  });

  it("tells of a higher rank in the same period, not of a fall and a climb back", async () => {
    const member = co.ids[4]!;
    const user = await userOf(4);
    const before = await count(sql`kind = 'rank_advancement'`);
    await t.db.execute(sql`update distributor_period_stats set rank_position = 1 where period_id = ${nov} and distributor_id = ${member}`);
    await t.db.insert(jobs).values({ kind: RANK_CHECK, key: "rank-check:2026-11-10T12", payload: {}, runAt: at, createdAt: at });
    await runDueJobs(t.db, handlers, at);
    expect(await count(sql`kind = 'rank_advancement'`)).toBe(before + 1);
    expect(
      (
        await t.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, user), eq(notifications.eventKey, `rank:${nov}:1`)))
      )[0]!.title,
    ).toBe("You reached Silver");
    // Down to Member and up again: nothing new (Silver was told of in this period).
    await t.db.execute(sql`update distributor_period_stats set rank_position = 0 where period_id = ${nov} and distributor_id = ${member}`);
    await t.db.insert(jobs).values({ kind: RANK_CHECK, key: "rank-check:2026-11-10T13", payload: {}, runAt: at, createdAt: at });
    await runDueJobs(t.db, handlers, at);
    await t.db.execute(sql`update distributor_period_stats set rank_position = 1 where period_id = ${nov} and distributor_id = ${member}`);
    await t.db.insert(jobs).values({ kind: RANK_CHECK, key: "rank-check:2026-11-10T14", payload: {}, runAt: at, createdAt: at });
    await runDueJobs(t.db, handlers, at);
    expect(await count(sql`kind = 'rank_advancement'`)).toBe(before + 1);
  });

  it("period close: every earner hears their total, across chunks, once; then each payee once when paid", async () => {
    await closePeriodAudited(t.db, admin, nov, closeAt);
    const [batch] = await queryRows<{ id: number }>(t.db, sql`select id from payout_batches where period_id = ${nov}`);
    const earners = await queryRows<{ user_id: number; earned: number }>(
      t.db,
      sql`select d.user_id, po.earned_cents::float8 as earned from payouts po join distributors d on d.id = po.distributor_id where po.batch_id = ${batch!.id} and po.earned_cents <> 0`,
    );
    // More earners than a chunk: the fan-out takes several jobs.
    expect(earners.length).toBeGreaterThan(2);
    await runDueJobs(t.db, handlers, closeAt);
    await rerun(`period:${nov}:earnings`, periodEarningsFanOut(2), closeAt);
    const told = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `period:${nov}:earnings`));
    expect(told.map((n) => n.userId).sort()).toEqual(earners.map((e) => e.user_id).sort());
    expect(told.every((n) => n.kind === "period_earnings" && n.href === `/dashboard/earnings?period=${nov}`)).toBe(true);
    expect(told.find((n) => n.userId === earners[0]!.user_id)!.title).toMatch(/^Your earnings for November 2026: \$/);
    expect(await emailCount(sql`event_key like ${`notify:%:period:${nov}:earnings`}`)).toBe(earners.length);
    const [root] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `period:${nov}:earnings`));
    expect(root!.payload).toMatchObject({ notified: earners.length, finished: true });
    expect(
      (
        await t.db
          .select()
          .from(jobs)
          .where(sql`key like ${`period:${nov}:earnings:after:%`}`)
      ).length,
    ).toBeGreaterThan(0);

    await markPayoutBatchPaid(t.db, admin, nov, closeAt);
    await expect(markPayoutBatchPaid(t.db, admin, nov, closeAt)).rejects.toThrow(/already marked paid/);
    await runDueJobs(t.db, handlers, closeAt);
    await rerun(`payout:${batch!.id}:paid`, payoutPaidFanOut(2), closeAt);
    const payees = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from payouts where batch_id = ${batch!.id} and payable_cents > 0`);
    expect(await count(sql`event_key = ${`payout:${batch!.id}:paid`} and kind = 'payout_paid'`)).toBe(payees[0]!.n);
    expect(payees[0]!.n).toBeGreaterThan(0);
  });
});

describe("announcements", () => {
  it("notify every active distributor in chunks, honouring preferences, once", async () => {
    const [off, digest, unverified, terminated] = await Promise.all([1, 2, 3, 4].map(userOf));
    await t.db.update(users).set({ emailVerifiedAt: at });
    await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unverified!));
    await t.db.update(distributors).set({ status: "terminated" }).where(eq(distributors.userId, terminated!));
    await t.db.insert(notificationPreferences).values([
      { userId: off!, kind: "announcement", channel: "email", mode: "off", updatedAt: at },
      { userId: digest!, kind: "announcement", channel: "email", mode: "digest", updatedAt: at },
    ]);
    const { id, audience } = await sendAnnouncement(
      t.db,
      admin,
      { subject: "New catalog", paragraphs: ["Our spring catalog is out.", "Order early."] },
      closeAt,
    );
    // Members 0-3 (member 4 is terminated).
    expect(audience).toBe(4);
    await expect(
      sendAnnouncement(t.db, admin, { subject: "New catalog", paragraphs: ["Our spring catalog is out.", "Order early."] }, closeAt),
    ).rejects.toThrow(AdminError);
    await runDueJobs(t.db, handlers, closeAt);
    await rerun(`announcement:${id}`, announcementFanOut(2), closeAt);
    const rows = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `announcement:${id}`));
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => r.userId === terminated)).toBe(false);
    expect(rows[0]!.body).toBe("Our spring catalog is out.\n\nOrder early.");
    expect(rows.find((r) => r.userId === digest)!.digestDueAt).not.toBeNull();
    const mailed = await queryRows<{ user_id: number }>(t.db, sql`select user_id from emails where event_key like ${`notify:%:announcement:${id}`}`);
    // Only member 0 (default: instant, verified): off gets none, digest waits for the digest, unverified gets none.
    expect(mailed.map((m) => m.user_id)).toEqual([await userOf(0)]);
    const [listed] = await listAnnouncements(t.db);
    expect(listed).toMatchObject({ id, subject: "New catalog", audience: 4, notified: 4, finished: true, createdBy: "Test Admin" });
  });
});
