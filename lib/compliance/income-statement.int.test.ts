// The income disclosure statement on a small company whose answers were worked
// by hand (see each expectation), then against a plain JavaScript computation
// straight from the raw rows, and a published statement frozen while later
// periods close. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { asc, eq, inArray, isNotNull, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commissionLedger,
  commissionPeriods,
  compensationPlans,
  distributorPeriodStats,
  distributors,
  incomeStatements,
  orders,
  periodEarnings,
  planRanks,
} from "@/db/schema";
import { queryRows, sqlInteger } from "@/db/rows";
import { writePeriodEarnings } from "@/lib/ledger/period-earnings";
import { terminateDistributor } from "@/lib/admin/distributors";
import { closePeriod } from "@/lib/ledger/close";
import { refundOrder } from "@/lib/orders/refund";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { computeIncomeStatement, defaultRange, listClosedPeriods, resolveStatementRange, StatementRangeError, type IncomeStatement } from "./income-statement";
import { floorMean, nearestRank, topPercentThreshold } from "./percentiles";
import { getPublishedStatement, latestPublishedStatementId, listPublishedStatements, publishIncomeStatement } from "./published";
import { canonicalInputLine, listStatementInputs, statementInputsChecksum } from "./statement-inputs";

let t: TestDatabase;
let co: TestCompany;
let admin: number;
let n = 0;
const period: Record<string, number> = {};
const [A, B, D, E, F, G] = [0, 1, 3, 4, 5, 6]; // 2 is C, who never orders
const BIG = 2; // 9999 total, 120 PV, 8001 CV (US shipping is free)
const SMALL = 0; // 1000 total, 20 PV, 800 CV

async function order(member: number, at: string, product: number, kind: "personal" | "retail" = "personal") {
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[member]!,
    kind,
    items: [{ productId: co.productIds[product]!, quantity: 1 }],
    idempotencyKey: `ids-${++n}`,
    customer: kind === "retail" ? { name: "Ann Buyer", email: "ann@test.example" } : undefined,
    at: new Date(at),
  });
  return paid.orderId;
}

async function periodOf(orderId: number): Promise<number> {
  const [row] = await t.db.select({ periodId: orders.periodId }).from(orders).where(eq(orders.id, orderId));
  return row!.periodId!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await createAdmin(t.db);
  // A root; B, C and F under A; D and E under B; G enrols after the range. Plan: activeMinPv 50,
  // retail 20%, levels 10/5/3%, compression; ranks Member (0 PV, 0 GV, 1 level) and Silver (50 PV, 200 GV, 3 levels).
  co = await createCompany(t.db, [null, A, A, B, B, A, A]);
  const joined = ["2024-06-01", "2024-12-01", "2025-01-15", "2025-03-01", "2025-06-01", "2024-01-01", "2026-03-05"];
  for (const [i, on] of joined.entries())
    await t.db
      .update(distributors)
      .set({ joinedAt: new Date(`${on}T10:00:00Z`) })
      .where(eq(distributors.id, co.ids[i]!));

  // January 2026: A, B, D buy Big, E buys Small.
  await order(A, "2026-01-10T12:00:00Z", BIG); // root: no upline
  await order(B, "2026-01-10T12:00:00Z", BIG); // A level 1: 800
  const dJanuary = await order(D, "2026-01-10T12:00:00Z", BIG); // B level 1: 800, A level 2: 400
  const eJanuary = await order(E, "2026-01-10T12:00:00Z", SMALL); // B level 1: 80, A level 2: 40
  period.jan = await periodOf(dJanuary);
  await closePeriod(t.db, period.jan);

  // February 2026: A and D buy Big (B inactive: compression skips B), F sells Small to a customer, E's January order is refunded.
  await order(A, "2026-02-10T12:00:00Z", BIG);
  const dFebruary = await order(D, "2026-02-10T12:00:00Z", BIG); // A level 1: 800
  await order(F, "2026-02-11T12:00:00Z", SMALL, "retail"); // F level 0: 160, A level 1: 80
  await refundOrder(t.db, eJanuary, { reason: "Changed mind", at: new Date("2026-02-12T12:00:00Z") }); // clawbacks in February: B -80, A -40
  period.feb = await periodOf(dFebruary);
  await closePeriod(t.db, period.feb);

  // March (after the range): F is terminated and D's January order refunded (clawbacks in March).
  await terminateDistributor(t.db, admin, co.ids[F]!);
  await order(G, "2026-03-06T12:00:00Z", SMALL);
  await refundOrder(t.db, dJanuary, { reason: "Damaged", at: new Date("2026-03-07T12:00:00Z") });
  period.mar = await periodOf(await order(A, "2026-03-08T12:00:00Z", SMALL));
});

afterAll(async () => {
  await t?.destroy();
});

const at = new Date("2026-03-10T09:00:00Z");

async function statement(from = period.jan!, to = period.feb!): Promise<IncomeStatement> {
  return computeIncomeStatement(t.db, await resolveStatementRange(t.db, from, to), at);
}

describe("income disclosure statement, worked by hand", () => {
  it("counts everyone enrolled before the range ended, the zero-earners and the terminated", async () => {
    const s = await statement();
    expect(s.range).toEqual({
      startsOn: "2026-01-01",
      endsOn: "2026-03-01",
      periodCount: 2,
      firstPeriodStartsOn: "2026-01-01",
      lastPeriodStartsOn: "2026-02-01",
    });
    // A..F; G enrolled in March. F is terminated (after the range, counted all the same).
    expect(s.population).toEqual({ total: 6, terminated: 1 });
    // Earnings: A 800+400+40 + 800+80-40 = 2080, B 800+80-80 = 800, F 160, C D E 0.
    expect(s.everyone).toMatchObject({
      count: 6,
      shareBps: 10000,
      zeroCount: 3,
      zeroBps: 5000,
      totalCents: 3040,
      meanCents: 506, // floor(3040 / 6)
      p10Cents: 0, // position ceil(0.6) = 1 of [0, 0, 0, 160, 800, 2080]
      medianCents: 0, // position 3
      p90Cents: 2080, // position ceil(5.4) = 6
      top1Cents: 2080,
    });
  });

  it("sets own purchases against earnings, refunds within the range taken off", async () => {
    const s = await statement();
    // A 2 x 9999, B 9999, D 2 x 9999 (the March refund is after the range), E 1000 - 1000, F's retail sale is not a purchase.
    expect(s.everyone).toMatchObject({
      purchasesCents: 49995,
      meanNetCents: -7826, // floor((3040 - 49995) / 6)
      medianNetCents: -9199, // [-19998, -17918, -9199, 0, 0, 160], position 3
      belowPurchasesCount: 3, // A, B, D
      belowPurchasesBps: 5000,
    });
  });

  it("groups by the highest rank reached, zero volume holding the lowest rank", async () => {
    const s = await statement();
    expect(s.byRank.map((g) => [g.name, g.position, g.count, g.shareBps])).toEqual([
      ["Silver", 1, 2, 3333], // A and B in January
      ["Member", 0, 4, 6666], // C (no volume), D, E, F
    ]);
    expect(s.byRank[0]).toMatchObject({ totalCents: 2880, meanCents: 1440, p10Cents: 800, medianCents: 800, p90Cents: 2080, top1Cents: 2080, zeroCount: 0 });
    expect(s.byRank[0]).toMatchObject({ purchasesCents: 29997, medianNetCents: -17918, meanNetCents: -13559, belowPurchasesCount: 2 });
    expect(s.byRank[1]).toMatchObject({
      totalCents: 160,
      meanCents: 40,
      p10Cents: 0,
      medianCents: 0,
      p90Cents: 160,
      top1Cents: 160,
      zeroCount: 3,
      zeroBps: 7500,
    });
    expect(s.byRank[1]).toMatchObject({ purchasesCents: 19998, medianNetCents: 0, meanNetCents: -4960, belowPurchasesCount: 1, belowPurchasesBps: 2500 });
  });

  it("states retention over those enrolled 12 months before the range ended", async () => {
    const s = await statement();
    // Cut-off 2025-03-01: A, B, C, F are eligible (D enrolled on the day, not before it); only A was active in February.
    expect(s.everyone).toMatchObject({ retentionEligible: 4, retained: 1, retainedBps: 2500 });
    expect(s.methodology.join(" ")).toContain("enrolled before Mar 1, 2025");
    expect(s.methodology.join(" ")).toContain("all 6 distributors");
  });

  it("counts clawbacks where they were posted: the March refund belongs to a range that includes March", async () => {
    await closePeriod(t.db, period.mar!);
    const q1 = await statement(period.jan!, period.mar!);
    // March: B -800, A -400 clawed back; G's Small has no upline pay (A inactive in March, PV 20); A's Small is the root's.
    expect(q1.everyone.totalCents).toBe(3040 - 1200);
    expect(q1.population.total).toBe(7);
  });

  it("refuses ranges with an open period or backwards", async () => {
    await expect(resolveStatementRange(t.db, period.feb!, period.jan!)).rejects.toThrow(StatementRangeError);
    await order(G, "2026-04-02T12:00:00Z", SMALL); // opens April
    const [open] = await t.db.select({ id: commissionPeriods.id }).from(commissionPeriods).where(eq(commissionPeriods.status, "open"));
    await expect(resolveStatementRange(t.db, period.jan!, open!.id)).rejects.toThrow(/open/);
    await expect(resolveStatementRange(t.db, 999999, period.feb!)).rejects.toThrow(StatementRangeError);
  });

  it("defaults to the latest calendar year's closed periods", async () => {
    const closed = await listClosedPeriods(t.db);
    expect(defaultRange(closed)).toEqual({ fromPeriodId: period.jan, toPeriodId: period.mar });
    expect(defaultRange([])).toBeNull();
    expect(defaultRange([{ id: 1, startsOn: "2025-12-01", endsOn: "2026-01-01" }, ...closed])).toEqual({ fromPeriodId: period.jan, toPeriodId: period.mar });
  });
});

/** The statement computed the plain way: every raw row into JavaScript, sorted and counted. */
async function independentStatement(fromStartsOn: string, endsOn: string) {
  const periods = (await t.db.select().from(commissionPeriods)).filter((p) => p.startsOn >= fromStartsOn && p.startsOn < endsOn);
  const ids = periods.map((p) => p.id);
  const last = periods.sort((a, b) => a.startsOn.localeCompare(b.startsOn)).at(-1)!;
  const end = new Date(`${endsOn}T00:00:00Z`);
  const people = (await t.db.select().from(distributors)).filter((d) => d.joinedAt < end);
  const lines = await t.db.select().from(commissionLedger).where(inArray(commissionLedger.periodId, ids));
  const allOrders = await t.db.select().from(orders);
  const stats = await t.db.select().from(distributorPeriodStats).where(inArray(distributorPeriodStats.periodId, ids));
  const ranks = await t.db.select().from(planRanks);
  const plans = await t.db.select().from(compensationPlans);
  const zeroRank = Math.max(...ranks.filter((r) => periods.some((p) => p.planId === r.planId) && r.minPv === 0 && r.minGv === 0).map((r) => r.position));
  const minPv = plans.find((p) => p.id === last.planId)!.activeMinPv;
  const rows = people.map((d) => {
    const earnings = lines.filter((l) => l.beneficiaryId === d.id).reduce((s, l) => s + l.amountCents, 0);
    const own = allOrders.filter((o) => o.sellerId === d.id && o.kind === "personal");
    const paid = own.filter((o) => o.periodId !== null && ids.includes(o.periodId)).reduce((s, o) => s + o.totalCents, 0);
    const back = own.filter((o) => o.refundPeriodId !== null && ids.includes(o.refundPeriodId)).reduce((s, o) => s + o.totalCents, 0);
    const mine = stats.filter((s) => s.distributorId === d.id);
    const reached = mine.map((s) => s.rankPosition).filter((r): r is number => r !== null);
    const rank = d.status === "terminated" ? (reached.length ? Math.max(...reached) : null) : Math.max(zeroRank, ...reached);
    const atEnd = mine.find((s) => s.periodId === last.id);
    const active = atEnd ? atEnd.active : d.status === "active" && minPv === 0;
    const joinedOn = d.joinedAt.toISOString().slice(0, 10);
    return {
      distributorId: d.id,
      joinedOn,
      terminated: d.status === "terminated",
      rankPosition: rank,
      activeAtEnd: active,
      earningsCents: earnings,
      purchasesCents: paid - back,
    };
  });
  rows.sort((a, b) => a.distributorId - b.distributorId);
  const sorted = rows.map((r) => r.earningsCents).sort((a, b) => a - b);
  const net = rows.map((r) => r.earningsCents - r.purchasesCents).sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  return {
    rows,
    everyone: {
      count: rows.length,
      zeroCount: sorted.filter((v) => v <= 0).length,
      totalCents: total,
      meanCents: floorMean(total, rows.length),
      p10Cents: nearestRank(sorted, 10),
      medianCents: nearestRank(sorted, 50),
      p90Cents: nearestRank(sorted, 90),
      top1Cents: topPercentThreshold(sorted),
      medianNetCents: nearestRank(net, 50),
      purchasesCents: rows.reduce((s, r) => s + r.purchasesCents, 0),
      belowPurchasesCount: rows.filter((r) => r.earningsCents < r.purchasesCents).length,
    },
  };
}

describe("income disclosure statement against a straightforward computation", () => {
  it.each([
    ["January to February", "2026-01-01", "2026-03-01"],
    ["February alone", "2026-02-01", "2026-03-01"],
    ["January to March", "2026-01-01", "2026-04-01"],
  ])("agrees on %s, inputs and checksum included", async (_label, from, to) => {
    const periods = await listClosedPeriods(t.db);
    const inRange = periods.filter((p) => p.startsOn >= from && p.startsOn < to);
    const range = await resolveStatementRange(t.db, inRange[0]!.id, inRange.at(-1)!.id);
    const s = await computeIncomeStatement(t.db, range, at);
    const plain = await independentStatement(from, to);
    expect(await listStatementInputs(t.db, range)).toEqual(plain.rows);
    expect(s.everyone).toMatchObject(plain.everyone);
    expect(s.byRank.reduce((sum, g) => sum + g.count, 0)).toBe(plain.rows.length);
    const sha = createHash("sha256").update(plain.rows.map(canonicalInputLine).join("")).digest("hex");
    expect(await statementInputsChecksum(t.db, range)).toBe(sha);
  });
});

/** A period's totals computed the plain way from its raw lines, orders and stats rows, by distributor id. */
async function plainTotals(periodId: number) {
  const lines = await t.db.select().from(commissionLedger).where(eq(commissionLedger.periodId, periodId));
  const own = (await t.db.select().from(orders)).filter((o) => o.kind === "personal");
  const stats = await t.db.select().from(distributorPeriodStats).where(eq(distributorPeriodStats.periodId, periodId));
  const ids = new Set([
    ...lines.map((l) => l.beneficiaryId),
    ...own.filter((o) => o.periodId === periodId || o.refundPeriodId === periodId).map((o) => o.sellerId),
    ...stats.map((r) => r.distributorId),
  ]);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return [...ids]
    .sort((a, b) => a - b)
    .map((id) => {
      const mine = lines.filter((l) => l.beneficiaryId === id);
      const row = stats.find((r) => r.distributorId === id);
      return {
        periodId,
        distributorId: id,
        commissionCents: sum(mine.filter((l) => l.kind === "commission").map((l) => l.amountCents)),
        clawbackCents: sum(mine.filter((l) => l.kind === "clawback").map((l) => l.amountCents)),
        purchasesCents: sum(own.filter((o) => o.sellerId === id && o.periodId === periodId).map((o) => o.totalCents)),
        refundsCents: sum(own.filter((o) => o.sellerId === id && o.refundPeriodId === periodId).map((o) => o.totalCents)),
        rankPosition: row?.rankPosition ?? null,
        active: row?.active ?? null,
      };
    });
}

async function storedTotals(periodId: number) {
  return t.db.select().from(periodEarnings).where(eq(periodEarnings.periodId, periodId)).orderBy(asc(periodEarnings.distributorId));
}

describe("period totals (period_earnings)", () => {
  it("equal the sums of each closed period's lines, clawbacks and refunds included", async () => {
    const refunded = await t.db.select({ id: orders.id, refundPeriodId: orders.refundPeriodId }).from(orders).where(isNotNull(orders.refundedAt));
    // E's January order refunded in February, D's in March: each counted in the period its clawbacks went to.
    expect(refunded.map((o) => o.refundPeriodId).sort()).toEqual([period.feb, period.mar].sort());
    for (const id of [period.jan!, period.feb!, period.mar!]) {
      const stored = await storedTotals(id);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored).toEqual(await plainTotals(id));
    }
    // February: B (inactive, skipped) earns nothing but has 80 clawed back, A 40; E has 1000 refunded.
    const feb = await storedTotals(period.feb!);
    expect(feb.find((r) => r.distributorId === co.ids[B])).toMatchObject({ commissionCents: 0, clawbackCents: -80, purchasesCents: 0, refundsCents: 0 });
    expect(feb.find((r) => r.distributorId === co.ids[A])).toMatchObject({ clawbackCents: -40, purchasesCents: 9999 });
    expect(feb.find((r) => r.distributorId === co.ids[E])).toMatchObject({ commissionCents: 0, clawbackCents: 0, purchasesCents: 0, refundsCents: 1000 });
  });

  it("are refused any change once their period is closed", async () => {
    await expect(t.db.update(periodEarnings).set({ commissionCents: 1 }).where(eq(periodEarnings.periodId, period.feb!))).rejects.toThrow();
    await expect(writePeriodEarnings(t.db, period.jan!)).rejects.toThrow();
    expect(await storedTotals(period.feb!)).toEqual(await plainTotals(period.feb!));
  });

  it("are rewritten, not added to, when written twice", async () => {
    const [open] = await t.db.select({ id: commissionPeriods.id }).from(commissionPeriods).where(eq(commissionPeriods.status, "open"));
    await writePeriodEarnings(t.db, open!.id);
    await writePeriodEarnings(t.db, open!.id);
    expect(await storedTotals(open!.id)).toEqual(await plainTotals(open!.id));
    await t.db.delete(periodEarnings).where(eq(periodEarnings.periodId, open!.id));
  });

  it("are backfilled by the migration as a close writes them", async () => {
    // Migration 0030's statements, run again over this database: its refund periods equal the ones recorded at
    // each refund, and its totals (the INSERT's query) equal the rows written at each close. Rolled back.
    const migration = fs.readFileSync(path.join(process.cwd(), "db/migrations/0030_period_earnings.sql"), "utf8").split("--> statement-breakpoint");
    const update = migration.find((m) => m.includes('UPDATE "orders"'))!;
    const backfill = migration.find((m) => m.includes("INSERT INTO period_earnings"))!.replace(/^INSERT INTO period_earnings \([^)]*\)$/m, "");
    const before = await t.db.select({ id: orders.id, refundPeriodId: orders.refundPeriodId }).from(orders).orderBy(asc(orders.id));
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(orders).set({ refundPeriodId: null });
        await tx.execute(sql.raw(update));
        expect(await tx.select({ id: orders.id, refundPeriodId: orders.refundPeriodId }).from(orders).orderBy(asc(orders.id))).toEqual(before);
        const rows = await queryRows<{ p: number; d: number; c: string; cb: string; pu: string; r: string; rank: number | null; active: boolean | null }>(
          tx,
          sql.raw(`select p, d, c::text, cb::text, pu::text, r::text, rank, active
                   from (${backfill.trim().replace(/;$/, "")}) b(p, d, c, cb, pu, r, rank, active) order by p, d`),
        );
        const stored = await tx.select().from(periodEarnings).orderBy(asc(periodEarnings.periodId), asc(periodEarnings.distributorId));
        expect(stored.length).toBeGreaterThan(0);
        expect(
          rows.map((b) => ({
            periodId: b.p,
            distributorId: b.d,
            commissionCents: sqlInteger(b.c),
            clawbackCents: sqlInteger(b.cb),
            purchasesCents: sqlInteger(b.pu),
            refundsCents: sqlInteger(b.r),
            rankPosition: b.rank,
            active: b.active,
          })),
        ).toEqual(stored);
        tx.rollback();
      }),
    ).rejects.toThrow(TransactionRollbackError);
  });
});

describe("published statements", () => {
  it("publishes nothing over a range with an open period", async () => {
    const [open] = await t.db.select({ id: commissionPeriods.id }).from(commissionPeriods).where(eq(commissionPeriods.status, "open"));
    await expect(publishIncomeStatement(t.db, admin, period.jan!, open!.id, at)).rejects.toThrow(StatementRangeError);
    expect(await t.db.select().from(incomeStatements)).toEqual([]);
    expect(await auditEntries(t.db, "income_statement.publish")).toEqual([]);
  });

  it("freezes the figures: a later refund and a later closed period change nothing", async () => {
    const published = await publishIncomeStatement(t.db, admin, period.jan!, period.feb!, at);
    expect(published.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    const [entry] = await auditEntries(t.db, "income_statement.publish");
    // Stamped with the app's clock, like the statement, not the database's.
    expect(entry).toMatchObject({ actorUserId: admin, entity: "income_statement", entityId: String(published.id), createdAt: at });
    const before = await getPublishedStatement(t.db, published.id);
    expect(before!.statement).toEqual(published.statement);
    expect(before!.statement.everyone.totalCents).toBe(3040);

    // Later: B is terminated, a February order refunded (clawed back in April), April closes.
    await terminateDistributor(t.db, admin, co.ids[B]!);
    const [aFebruary] = await t.db.select({ id: orders.id }).from(orders).where(eq(orders.periodId, period.feb!)).limit(1);
    const refund = await refundOrder(t.db, aFebruary!.id, { reason: "Late return", at: new Date("2026-04-03T12:00:00Z") });
    const [april] = await t.db.select({ id: commissionPeriods.id }).from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2026-04-01"));
    expect(refund).toBeTruthy();
    await closePeriod(t.db, april!.id);

    const after = await getPublishedStatement(t.db, published.id);
    expect(after).toEqual(before);
    // A recomputation now differs (B counts as terminated), which is why the snapshot is stored.
    expect((await statement()).population.terminated).toBe(2);
    expect(await latestPublishedStatementId(t.db)).toBe(published.id);
    expect(await listPublishedStatements(t.db)).toMatchObject([{ id: published.id, rangeStartsOn: "2026-01-01", rangeEndsOn: "2026-03-01", population: 6 }]);
    expect(await getPublishedStatement(t.db, published.id + 1)).toBeNull();
    const stored = await t.db.select({ sha: incomeStatements.inputsSha256 }).from(incomeStatements);
    expect(stored).toEqual([{ sha: published.inputsSha256 }]);
  });
});
