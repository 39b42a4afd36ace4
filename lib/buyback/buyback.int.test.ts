import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { auditLog, buybackOrders, buybackRequests, demoCharges, notifications, orders, type ShippingAddress } from "@/db/schema";
import { reactivateDistributor, terminateDistributor } from "@/lib/admin/distributors";
import { commissionExportText, getExportPeriod } from "@/lib/compliance/commission-lines";
import { closePeriod } from "@/lib/ledger/close";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { refundOrder } from "@/lib/orders/refund";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createAdmin, databaseFingerprint } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { BuybackError } from "./errors";
import { approveBuyback, buybackEffect, listEligibleOrders, rejectBuyback, requestBuyback } from "./requests";
import { buybackRefundCents, buybackWindowStart } from "./rules";

// Buyback end to end below the UI: a terminated distributor's whole orders
// returned at 90% of their subtotal through the demo provider, their lines
// removed (open period) or clawed back with the reason "buyback" (closed
// period), the ledger still a full run's; refusals change nothing; a second
// approval refunds nothing more. And the regulator export equals the ledger.

let t: TestDatabase;
let co: TestCompany;
let admin = 0;

// smallPlan; 0 ── 1 ── 2 ── 3, and 1 ── 4. 3 leaves.
const sponsors = [null, 0, 1, 2, 1];
const october = new Date("2026-10-20T12:00:00Z");
const november = new Date("2026-11-10T12:00:00Z");
const now = new Date("2026-11-20T15:00:00Z");
const ca: ShippingAddress = { name: "A Buyer", line1: "1 Queen Street", city: "Toronto", region: "ON", postalCode: "M5H 2N2", country: "CA" };

const ids: Record<string, number> = {};
let octoberPeriod = 0;
let novemberPeriod = 0;

const place = async (key: string, seller: number, product: 0 | 1 | 2, at: Date, shippingAddress?: ShippingAddress) => {
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[seller]!,
    kind: "personal",
    items: [{ productId: co.productIds[product]!, quantity: 1 }],
    idempotencyKey: key,
    at,
    ...(shippingAddress ? { shippingAddress } : {}),
  });
  ids[key] = paid.orderId;
  return paid.periodId;
};

async function linesOf(orderId: number) {
  return queryRows<{ period_id: number; beneficiary_id: number; level: number; kind: string; amount: string }>(
    t.db,
    sql`select period_id, beneficiary_id, level, kind, amount_cents::text as amount from commission_ledger where order_id = ${orderId} order by kind, level`,
  );
}
const chargeOf = async (orderId: number) => (await t.db.select().from(demoCharges).where(eq(demoCharges.orderId, orderId)))[0]!;
const orderRow = async (id: number) => (await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;

async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences, `period ${r.startsOn}`).toEqual([]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  admin = await createAdmin(t.db);
  // 1 and 2 active so that 3's orders pay levels up the line.
  octoberPeriod = await place("oct-1", 1, 2, october);
  await place("oct-2", 2, 2, october);
  await place("oct-3", 3, 2, october, ca);
  await closePeriod(t.db, octoberPeriod);
  novemberPeriod = await place("nov-1", 1, 2, november);
  await place("nov-2", 2, 2, november);
  await place("nov-3", 3, 1, november);
  await place("nov-3b", 3, 0, november);
  await place("nov-3c", 3, 0, november);
  await place("nov-4", 4, 2, november);
  // For the approvals that cannot finish at once (4 leaves there).
  for (const key of ["p4a", "p4b", "p4c", "p4d", "p4e", "p4f"]) await place(key, 4, 1, november);
  await place("p4g", 4, 0, november);
}, 60_000);
afterAll(async () => {
  await t?.destroy();
});

describe("buyback rules", () => {
  it("refunds floor(rate × subtotal), exactly, at any size", () => {
    expect(buybackRefundCents(9999, 9000)).toBe(8999);
    expect(buybackRefundCents(3333, 9000)).toBe(2999);
    expect(buybackRefundCents(1, 9000)).toBe(0);
    expect(buybackRefundCents(10_000, 9500)).toBe(9500);
    expect(buybackRefundCents(9_007_199_254_740, 9000)).toBe(8_106_479_329_266);
  });

  it("looks back 12 calendar months, clamping the 31st", () => {
    expect(buybackWindowStart(new Date("2026-11-20T15:00:00Z")).toISOString()).toBe("2025-11-20T15:00:00.000Z");
    expect(buybackWindowStart(new Date("2028-02-29T01:00:00Z")).toISOString()).toBe("2027-02-28T01:00:00.000Z");
  });
});

describe("buyback requests", () => {
  it("are only for a distributor who is leaving", async () => {
    const before = await databaseFingerprint(t.db);
    await expect(
      requestBuyback(t.db, { distributorId: co.ids[3]!, orderIds: [ids["nov-3"]!], requestedByUserId: admin, at: now, byAdmin: true }),
    ).rejects.toThrow(/the distributorship must be ended first/);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    await terminateDistributor(t.db, admin, co.ids[3]!);
    await expectReconciled();
  });

  it("list the distributor's own paid orders of the last 12 months", async () => {
    const eligible = await listEligibleOrders(t.db, co.ids[3]!, now);
    expect(eligible.map((o) => o.id)).toEqual([ids["oct-3"], ids["nov-3"], ids["nov-3b"], ids["nov-3c"]]);
    // The October order shipped to Canada (7.50): shipping is not returned.
    expect(eligible[0]).toMatchObject({ subtotalCents: 9999, shippingCents: 750, totalCents: 10749, refundCents: 8999 });
    expect(eligible[1]).toMatchObject({ subtotalCents: 3333, refundCents: 2999 });
    // A year and a day after October's order, it is too old.
    expect((await listEligibleOrders(t.db, co.ids[3]!, new Date("2027-10-21T12:00:00Z"))).map((o) => o.id)).not.toContain(ids["oct-3"]);
  });

  it("refuse someone else's order, an order too old, and no order, changing nothing", async () => {
    const before = await databaseFingerprint(t.db);
    const ask = (orderIds: number[], at = now) => requestBuyback(t.db, { distributorId: co.ids[3]!, orderIds, requestedByUserId: admin, at, byAdmin: true });
    await expect(ask([ids["nov-4"]!])).rejects.toThrow(BuybackError);
    await expect(ask([ids["nov-3"]!, ids["nov-4"]!])).rejects.toThrow(new RegExp(`#${ids["nov-4"]} cannot be returned`));
    await expect(ask([ids["oct-3"]!], new Date("2027-10-21T12:00:00Z"))).rejects.toThrow(/last 12 months/);
    await expect(ask([])).rejects.toThrow(/at least one order/);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it("claw back exactly on approval: removed in the open period, clawed back with the reason for a closed one", async () => {
    const oct = ids["oct-3"]!;
    const nov = ids["nov-3"]!;
    const frozen = await linesOf(oct);
    const novLines = await linesOf(nov);
    expect(frozen.length).toBeGreaterThan(0);
    expect(novLines.length).toBeGreaterThan(0);
    const { requestId, refundCents } = await requestBuyback(t.db, {
      distributorId: co.ids[3]!,
      orderIds: [oct, nov],
      requestedByUserId: admin,
      at: now,
      byAdmin: true,
    });
    expect(refundCents).toBe(8999 + 2999);
    // Asked again while pending: refused.
    await expect(requestBuyback(t.db, { distributorId: co.ids[3]!, orderIds: [nov], requestedByUserId: admin, at: now, byAdmin: true })).rejects.toThrow(
      BuybackError,
    );
    const effect = (await buybackEffect(t.db, [requestId])).get(requestId)!;
    const sum = (ls: { amount: string }[]) => ls.reduce((s, l) => s + Number(l.amount), 0);
    expect(effect).toEqual({ refundCents: 11998, lines: frozen.length + novLines.length, commissionCents: sum(frozen) + sum(novLines) });

    const result = await approveBuyback(t.db, admin, requestId, now, "USD");
    expect(result).toMatchObject({ approved: true, refundCents: 11998, manualRefundCents: 0 });
    expect(await chargeOf(oct)).toMatchObject({ amountCents: 10749, refundedCents: 8999 });
    expect(await chargeOf(nov)).toMatchObject({ amountCents: 3333, refundedCents: 2999 });
    for (const id of [oct, nov]) expect(await orderRow(id)).toMatchObject({ status: "refunded", refundReason: "buyback", refundedAt: now });
    // The open period's lines are gone; the closed one's stay and are netted by clawbacks in November.
    expect(await linesOf(nov)).toEqual([]);
    const after = await linesOf(oct);
    expect(after.filter((l) => l.kind === "commission")).toEqual(frozen);
    const clawbacks = after.filter((l) => l.kind === "clawback");
    expect(clawbacks.map((l) => [l.beneficiary_id, l.level, -Number(l.amount)])).toEqual(frozen.map((l) => [l.beneficiary_id, l.level, Number(l.amount)]));
    expect(clawbacks.every((l) => l.period_id === novemberPeriod)).toBe(true);
    expect(sum(after)).toBe(0);
    await expectReconciled();
    const [request] = await t.db.select().from(buybackRequests).where(eq(buybackRequests.id, requestId));
    expect(request).toMatchObject({ status: "approved", decidedByUserId: admin, decidedAt: now });
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "buyback"), eq(auditLog.action, "buyback.approve"))),
    ).toHaveLength(1);
    const [told] = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `buyback:${requestId}:approved`));
    expect(told?.body).toContain("$119.98");

    // Approved again (a double click, a retry): nothing more.
    const before = await databaseFingerprint(t.db);
    expect(await approveBuyback(t.db, admin, requestId, new Date(now.getTime() + 60_000), "USD")).toMatchObject({ approved: false, refundCents: 11998 });
    expect(await databaseFingerprint(t.db)).toEqual(before);
    await expect(rejectBuyback(t.db, admin, requestId, "no", now)).rejects.toThrow(/already approved/);
  });

  it("approved twice at once refund once", async () => {
    const id = ids["nov-3b"]!;
    const { requestId } = await requestBuyback(t.db, { distributorId: co.ids[3]!, orderIds: [id], requestedByUserId: admin, at: now, byAdmin: false });
    const both = await Promise.all([approveBuyback(t.db, admin, requestId, now, "USD"), approveBuyback(t.db, admin, requestId, now, "USD")]);
    expect(both.map((r) => r.approved).sort()).toEqual([false, true]);
    expect(await chargeOf(id)).toMatchObject({ amountCents: 1000, refundedCents: 900 });
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "buyback.approve"), eq(auditLog.entityId, String(requestId)))),
    ).toHaveLength(1);
    await expectReconciled();
  });

  it("rejected with a reason, release their orders", async () => {
    const id = ids["nov-3c"]!;
    const { requestId } = await requestBuyback(t.db, { distributorId: co.ids[3]!, orderIds: [id], requestedByUserId: admin, at: now, byAdmin: true });
    await rejectBuyback(t.db, admin, requestId, "Opened boxes", now);
    expect((await t.db.select().from(buybackRequests).where(eq(buybackRequests.id, requestId)))[0]).toMatchObject({
      status: "rejected",
      rejectReason: "Opened boxes",
    });
    expect((await t.db.select().from(buybackOrders).where(eq(buybackOrders.requestId, requestId)))[0]?.releasedAt).toEqual(now);
    expect(await orderRow(id)).toMatchObject({ status: "paid" });
    await expect(approveBuyback(t.db, admin, requestId, now, "USD")).rejects.toThrow(/rejected/);
    expect((await listEligibleOrders(t.db, co.ids[3]!, now)).map((o) => o.id)).toEqual([id]);
  });
});

describe("buyback approvals that cannot finish at once", () => {
  const seller = () => co.ids[4]!;
  const ask = async (keys: string[]) =>
    (await requestBuyback(t.db, { distributorId: seller(), orderIds: keys.map((k) => ids[k]!), requestedByUserId: admin, at: now, byAdmin: true })).requestId;
  const requestRow = async (id: number) => (await t.db.select().from(buybackRequests).where(eq(buybackRequests.id, id)))[0]!;
  const rowsOf = (id: number) => t.db.select().from(buybackOrders).where(eq(buybackOrders.requestId, id)).orderBy(buybackOrders.orderId);
  const toldOf = async (id: number, what: string) =>
    t.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `buyback:${id}:${what}`));

  it("refuse, for a reactivated distributor, before refunding anything", async () => {
    await terminateDistributor(t.db, admin, seller());
    const requestId = await ask(["nov-4"]);
    await reactivateDistributor(t.db, admin, seller());
    const before = await databaseFingerprint(t.db);
    await expect(approveBuyback(t.db, admin, requestId, now, "USD")).rejects.toThrow(/reactivated since asking: a buyback is for a distributor who is leaving/);
    expect(await databaseFingerprint(t.db)).toEqual(before);
    // Rejecting it still works, and the order can be asked for again once they leave.
    await rejectBuyback(t.db, admin, requestId, "Staying with us", now);
    await terminateDistributor(t.db, admin, seller());
    expect((await listEligibleOrders(t.db, seller(), now)).map((o) => o.id)).toContain(ids["nov-4"]);
  });

  it("refuse an order cancelled since the request before refunding anything", async () => {
    const requestId = await ask(["p4c", "p4d"]);
    await refundOrder(t.db, ids["p4d"]!, { reason: "Cancelled", status: "cancelled", at: now });
    const before = await databaseFingerprint(t.db);
    await expect(approveBuyback(t.db, admin, requestId, now, "USD")).rejects.toThrow(
      new RegExp(`Order #${ids["p4d"]} is cancelled since the request: nothing was refunded. Reject this request`),
    );
    expect(await databaseFingerprint(t.db)).toEqual(before);
    expect(await chargeOf(ids["p4c"]!)).toMatchObject({ refundedCents: 0 });
    await rejectBuyback(t.db, admin, requestId, "Ask again without the cancelled order", now);
    expect(await orderRow(ids["p4c"]!)).toMatchObject({ status: "paid" });
  });

  it("map a refusal of the order's refund to a message, changing nothing", async () => {
    const requestId = await ask(["p4e"]);
    const order = await orderRow(ids["p4e"]!);
    // A refund above what was paid: returnPayment's OrderError, inside the order's transaction.
    await t.db
      .update(buybackOrders)
      .set({ refundCents: order.totalCents + 1 })
      .where(eq(buybackOrders.requestId, requestId));
    const before = await databaseFingerprint(t.db);
    await expect(approveBuyback(t.db, admin, requestId, now, "USD")).rejects.toThrow(
      new BuybackError(`Order #${ids["p4e"]}: A refund cannot exceed what was paid. Nothing more was refunded.`),
    );
    expect(await databaseFingerprint(t.db)).toEqual(before);
    await rejectBuyback(t.db, admin, requestId, "Wrong amount", now);
  });

  it("once halfway, refuse a rejection (approve again to finish), and count the manual refund over every call", async () => {
    const [a, b] = [ids["p4a"]!, ids["p4b"]!];
    // A is paid before payments went through a provider: returned by hand. B's provider refund fails the first time.
    await t.db.update(orders).set({ paymentProvider: null, paymentReference: null }).where(eq(orders.id, a));
    const reference = (await orderRow(b)).paymentReference!;
    await t.db.update(orders).set({ paymentReference: "demo_gone" }).where(eq(orders.id, b));
    const requestId = await ask(["p4a", "p4b"]);
    await expect(approveBuyback(t.db, admin, requestId, now, "USD")).rejects.toThrow(/no such payment/);
    expect(await orderRow(a)).toMatchObject({ status: "refunded", refundReason: "buyback", refundReference: null });
    expect(await orderRow(b)).toMatchObject({ status: "paid" });

    const before = await databaseFingerprint(t.db);
    await expect(rejectBuyback(t.db, admin, requestId, "Changed my mind", now)).rejects.toThrow(
      new RegExp(`order #${a} of this request was already given back .*: approve it again to finish`),
    );
    expect(await databaseFingerprint(t.db)).toEqual(before);
    expect(await toldOf(requestId, "rejected")).toEqual([]);
    expect((await rowsOf(requestId)).map((r) => r.releasedAt)).toEqual([null, null]);

    await t.db.update(orders).set({ paymentReference: reference }).where(eq(orders.id, b));
    const result = await approveBuyback(t.db, admin, requestId, now, "USD");
    expect(result).toMatchObject({ approved: true, refundCents: 2999 * 2, manualRefundCents: 2999 });
    expect(await chargeOf(b)).toMatchObject({ refundedCents: 2999 });
    expect(await requestRow(requestId)).toMatchObject({ status: "approved" });
    expect((await rowsOf(requestId)).every((r) => r.refundedAt !== null && r.releasedAt === null)).toBe(true);
    expect(await approveBuyback(t.db, admin, requestId, now, "USD")).toMatchObject({ approved: false, manualRefundCents: 2999 });
    await expectReconciled();
  });

  it("approved and rejected at once: one wins, and the records match the money", async () => {
    const requestId = await ask(["p4f", "p4g"]);
    const [approved, rejected] = await Promise.allSettled([
      approveBuyback(t.db, admin, requestId, now, "USD"),
      rejectBuyback(t.db, admin, requestId, "Opened boxes", now),
    ]);
    const { status } = await requestRow(requestId);
    const charges = [await chargeOf(ids["p4f"]!), await chargeOf(ids["p4g"]!)].map((c) => c.refundedCents);
    if (status === "approved") {
      expect(approved.status).toBe("fulfilled");
      expect(rejected.status).toBe("rejected");
      expect(charges).toEqual([2999, 900]);
      expect(await toldOf(requestId, "rejected")).toEqual([]);
    } else {
      expect(status).toBe("rejected");
      expect(approved).toMatchObject({ status: "rejected", reason: expect.any(BuybackError) });
      expect(charges).toEqual([0, 0]);
      expect((await rowsOf(requestId)).every((r) => r.refundedAt === null)).toBe(true);
    }
    await expectReconciled();
  });
});

describe("the regulator export", () => {
  async function exported(format: "csv" | "json", periodId: number) {
    const period = (await getExportPeriod(t.db, periodId))!;
    let text = "";
    // A small chunk, so that the paging by line id is exercised.
    for await (const piece of commissionExportText(t.db, period, format, { currency: "USD", digits: 2 }, 2)) text += piece;
    return text;
  }
  const ledger = async (periodId: number) =>
    (
      await queryRows<{ n: number; total: string }>(
        t.db,
        sql`select count(*)::int as n, coalesce(sum(amount_cents), 0)::text as total from commission_ledger where period_id = ${periodId}`,
      )
    )[0]!;

  it("holds every line of the period, with its explanation, in JSON and CSV", async () => {
    for (const periodId of [octoberPeriod, novemberPeriod]) {
      const { n, total } = await ledger(periodId);
      expect(n).toBeGreaterThan(2);
      const json = JSON.parse(await exported("json", periodId)) as {
        period: { id: number };
        lines: { amountCents: number; kind: string; reason: string | null; explanation: string }[];
      };
      expect(json.period.id).toBe(periodId);
      expect(json.lines).toHaveLength(n);
      expect(json.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(Number(total));
      expect(json.lines.every((l) => l.explanation.length > 0)).toBe(true);
      const csv = (await exported("csv", periodId)).trimEnd().split("\r\n");
      expect(csv[0]).toMatch(/^line_id,period,kind,/);
      expect(csv).toHaveLength(n + 1);
    }
    const nov = JSON.parse(await exported("json", novemberPeriod)) as {
      lines: { kind: string; reason: string | null; orderId: number; explanation: string }[];
    };
    const clawbacks = nov.lines.filter((l) => l.kind === "clawback");
    expect(clawbacks.length).toBeGreaterThan(0);
    expect(clawbacks.every((l) => l.reason === "buyback" && l.orderId === ids["oct-3"] && l.explanation.includes("(reason: buyback)"))).toBe(true);
  });
});
