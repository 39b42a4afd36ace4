import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionPeriods, payoutBatches } from "@/db/schema";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { refundOrderAudited } from "./orders";
import { countPayouts, ensurePayoutBatches, getPayoutBatch, listPayouts, markPayoutBatchPaid, payoutsCsv } from "./payouts";
import { closePeriodAudited } from "./periods";

let t: TestDatabase;
let co: TestCompany;
let admin: number;
let key = 0;
/** When the admin acts in these tests (after the periods it closes). */
const closeAt = new Date("2027-03-01T09:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2: member 1 earns level 1 on member 2's orders while active.
  co = await createCompany(t.db, [null, 0, 1]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

const big = () => co.productIds[2]!; // T-BIG: PV 120, CV 8001
const buy = (seller: number, quantity: number, at: string) =>
  placeDemoPaidOrder(t.db, {
    sellerId: co.ids[seller]!,
    kind: "personal",
    items: [{ productId: big(), quantity }],
    idempotencyKey: `k${++key}`,
    at: new Date(at),
  });
const periodId = async (startsOn: string) => (await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, startsOn)))[0]!.id;
const lineOf = async (startsOn: string, member: number) => {
  const batch = await getPayoutBatch(t.db, await periodId(startsOn));
  return (await listPayouts(t.db, batch!.id)).find((r) => r.distributorId === co.ids[member]);
};

describe("payouts net of clawbacks carried from earlier periods", () => {
  let octOrder: number;

  it("pays what a closed period earned", async () => {
    await buy(1, 1, "2026-10-05T10:00:00Z");
    octOrder = (await buy(2, 1, "2026-10-06T10:00:00Z")).orderId;
    await closePeriodAudited(t.db, admin, await periodId("2026-10-01"), closeAt);
    expect(await lineOf("2026-10-01", 1)).toMatchObject({ earnedCents: 800, carriedInCents: 0, payableCents: 800, carriedOutCents: 0 });
    const [close] = await auditEntries(t.db, "period.close");
    expect(close).toMatchObject({ actorUserId: admin, entity: "period", before: { status: "open" }, after: { status: "closed" } });
  });

  it("a clawback bigger than the period's earnings carries a negative balance forward, never paid", async () => {
    // Refunding the closed period's order claws member 1's 800 back in November.
    const refund = await refundOrderAudited(t.db, admin, octOrder, "test refund", new Date("2026-11-02T10:00:00Z"));
    expect(refund.effect).toBe("clawback");
    const [audit] = await auditEntries(t.db, "order.refund");
    expect(audit).toMatchObject({ entityId: String(octOrder), before: { status: "paid" }, after: { status: "refunded", effect: "clawback" } });
    await buy(0, 1, "2026-11-03T10:00:00Z");
    await closePeriodAudited(t.db, admin, await periodId("2026-11-01"), closeAt);
    expect(await lineOf("2026-11-01", 1)).toMatchObject({ earnedCents: -800, carriedInCents: 0, payableCents: 0, carriedOutCents: -800 });
  });

  it("the next period's earnings pay off the balance first", async () => {
    await buy(1, 1, "2026-12-01T10:00:00Z");
    await buy(2, 2, "2026-12-02T10:00:00Z"); // CV 16002: level 1 pays 1600
    await closePeriodAudited(t.db, admin, await periodId("2026-12-01"), closeAt);
    expect(await lineOf("2026-12-01", 1)).toMatchObject({ earnedCents: 1600, carriedInCents: -800, payableCents: 800, carriedOutCents: 0 });
  });

  it("making batches again changes nothing", async () => {
    const before = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from payouts`);
    await t.db.transaction((tx) => ensurePayoutBatches(tx));
    await t.db.transaction((tx) => ensurePayoutBatches(tx));
    expect(await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from payouts`)).toEqual(before);
    expect((await t.db.select().from(payoutBatches)).length).toBe(3);
  });

  it("marks a batch paid once, audited; a second time is refused", async () => {
    const oct = await periodId("2026-10-01");
    const batch = await markPayoutBatchPaid(t.db, admin, oct, closeAt);
    expect(batch).toMatchObject({ status: "paid", paidBy: "Test Admin", distributors: 1, payableCents: 800 });
    await expect(markPayoutBatchPaid(t.db, admin, oct, closeAt)).rejects.toThrow(/already marked paid/);
    const entries = await auditEntries(t.db, "payout.mark_paid");
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ status: "paid", payableCents: 800 });
  });

  it("refuses to pay an open period, and to close periods out of order", async () => {
    await buy(1, 1, "2027-01-05T10:00:00Z");
    await buy(1, 1, "2027-02-05T10:00:00Z");
    await expect(markPayoutBatchPaid(t.db, admin, await periodId("2027-01-01"), closeAt)).rejects.toThrow(/Close this period/);
    await expect(closePeriodAudited(t.db, admin, await periodId("2027-02-01"), closeAt)).rejects.toThrow(/Close January 2027 first/);
    const feb = (await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2027-02-01")))[0]!;
    expect(feb.status).toBe("open");
  });

  it("the bank file lists only payable amounts, as exact decimals, defused against formulas", () => {
    const csv = payoutsCsv(
      [
        {
          distributorId: 7,
          name: "=HYPERLINK(1)",
          email: "a@x.test",
          code: "a-1",
          earnedCents: 1005,
          carriedInCents: 0,
          payableCents: 1005,
          carriedOutCents: 0,
        },
        { distributorId: 8, name: "Zero", email: "z@x.test", code: "z-1", earnedCents: -5, carriedInCents: 0, payableCents: 0, carriedOutCents: -5 },
      ],
      "USD",
      2,
    );
    expect(csv).toBe("distributor_id,name,email,referral_code,amount,currency\r\n7,'=HYPERLINK(1),a@x.test,a-1,10.05,USD\r\n");
  });
});

describe("a batch's lines a page at a time", () => {
  it("pages through every line in the list's order, and counts them all", async () => {
    // Everyone active: member 1 earns on member 2's order, the root on both.
    await buy(0, 1, "2027-01-04T10:00:00Z");
    await buy(1, 1, "2027-01-05T10:00:00Z");
    await buy(2, 2, "2027-01-06T10:00:00Z");
    await closePeriodAudited(t.db, admin, await periodId("2027-01-01"), closeAt);
    const batch = (await getPayoutBatch(t.db, await periodId("2027-01-01")))!;
    const all = await listPayouts(t.db, batch.id);
    expect(all.length).toBeGreaterThan(1);
    expect(await countPayouts(t.db, batch.id)).toBe(all.length);
    const pages = [];
    for (let offset = 0; offset < all.length; offset += 1) pages.push(...(await listPayouts(t.db, batch.id, { limit: 1, offset })));
    expect(pages).toEqual(all);
    expect(await listPayouts(t.db, batch.id, { limit: 1, offset: all.length })).toEqual([]);
    expect(await countPayouts(t.db, batch.id, { payableOnly: true })).toBe((await listPayouts(t.db, batch.id, { payableOnly: true })).length);
  });
});
