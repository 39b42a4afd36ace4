// /dashboard/earnings' reads: one page of the viewer's own lines grouped by
// period, the per-period and per-level totals over every matching line, page
// boundaries across periods, the CSV's lines, and the base of each line.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { commissionLedger, distributors, orders, users } from "@/db/schema";
import { explainEarningsLine } from "@/lib/earnings-text";
import { closePeriod } from "@/lib/ledger/close";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({ db: null as Database | null, token: null as { id: string; sv: number } | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

let t: TestDatabase;
let co: TestCompany;
let n = 0;
let october = 0;
let november = 0;

async function order(member: number, at: string, product = 0) {
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[member]!,
    kind: "personal",
    items: [{ productId: co.productIds[product]!, quantity: 1 }],
    idempotencyKey: `earn-${++n}`,
    at: new Date(at),
  });
  return paid.orderId;
}

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  // 0 is the leader; 1..5 their recruits; 6 under 1 (who never orders: inactive, compression skips them); 7 under 2.
  co = await createCompany(t.db, [null, 0, 0, 0, 0, 0, 1, 2]);
  // October: a few lines, then closed.
  await order(0, "2026-10-05T12:00:00Z", 2);
  for (const member of [2, 3, 4, 5]) for (let i = 0; i < 3; i++) await order(member, "2026-10-10T12:00:00Z");
  const [oct] = await t.db.select({ periodId: orders.periodId }).from(orders).limit(1);
  october = oct!.periodId!;
  await closePeriod(t.db, october);
  // November (open): more than a page of lines for the leader.
  await order(0, "2026-11-05T12:00:00Z", 2);
  for (const member of [2, 3, 4, 5]) for (let i = 0; i < 12; i++) await order(member, "2026-11-10T12:00:00Z", i % 2);
  await order(3, "2026-11-10T13:00:00Z");
  await order(3, "2026-11-10T14:00:00Z");
  await order(6, "2026-11-11T12:00:00Z", 2);
  await order(7, "2026-11-12T12:00:00Z", 2);
  const [nov] = await t.db
    .select({ periodId: orders.periodId })
    .from(orders)
    .where(sql`${orders.periodId} <> ${october}`)
    .limit(1);
  november = nov!.periodId!;
});
afterAll(async () => {
  await t?.destroy();
});

/** The data layer as member `index` sees it (or an admin without a distributor: null). */
async function as(index: number | null) {
  if (index === null) {
    state.token = { id: String(await createAdmin(t.db, `admin${++n}@test.example`)), sv: 1 };
  } else {
    const [user] = await t.db
      .select({ id: users.id, sv: users.sessionVersion })
      .from(users)
      .innerJoin(distributors, eq(distributors.userId, users.id))
      .where(eq(distributors.id, co.ids[index]!));
    state.token = { id: String(user!.id), sv: user!.sv };
  }
  vi.resetModules();
  return import("./earnings");
}

/** The ledger as stored: the member's line ids per period, and their sums. */
async function ledgerOf(index: number, periodId?: number) {
  const rows = await t.db
    .select({ id: commissionLedger.id, periodId: commissionLedger.periodId, amountCents: commissionLedger.amountCents, level: commissionLedger.level })
    .from(commissionLedger)
    .where(and(eq(commissionLedger.beneficiaryId, co.ids[index]!), periodId === undefined ? undefined : eq(commissionLedger.periodId, periodId)));
  return rows;
}
const sum = (rows: { amountCents: number }[]) => rows.reduce((s, r) => s + r.amountCents, 0);

describe("getMyEarnings", () => {
  it("counts every line, totals each period and level, and groups a page by period, newest first", async () => {
    const earnings = await as(0);
    const all = await ledgerOf(0);
    const oct = await ledgerOf(0, october);
    const nov = await ledgerOf(0, november);
    expect(nov.length).toBeGreaterThan(earnings.EARNINGS_PAGE_SIZE);
    expect(oct.length).toBeGreaterThan(0);

    const first = await earnings.getMyEarnings({});
    expect(first).toMatchObject({ total: all.length, page: 1, pageSize: earnings.EARNINGS_PAGE_SIZE, pendingCents: sum(nov), closedCents: sum(oct) });
    expect(first.periodTotals).toEqual([
      { periodId: november, startsOn: "2026-11-01", pending: true, amountCents: sum(nov), lines: nov.length },
      { periodId: october, startsOn: "2026-10-01", pending: false, amountCents: sum(oct), lines: oct.length },
    ]);
    const levels = [...new Set(all.map((r) => r.level))].sort();
    expect(first.byLevel).toEqual(
      levels.map((level) => ({ level, amountCents: sum(all.filter((r) => r.level === level)), lines: all.filter((r) => r.level === level).length })),
    );
    // Page 1: the newest 50 of November, under November's full total.
    expect(first.groups).toHaveLength(1);
    expect(first.groups[0]).toMatchObject({ periodId: november, from: 1, lines: nov.length, amountCents: sum(nov) });
    expect(first.groups[0]!.items).toHaveLength(earnings.EARNINGS_PAGE_SIZE);
    const orderIds = first.groups[0]!.items.map((l) => l.orderId);
    expect(orderIds).toEqual([...orderIds].sort((a, b) => b - a));
  });

  it("crosses the period boundary on the next page, and every line is on exactly one page", async () => {
    const earnings = await as(0);
    const all = await ledgerOf(0);
    const nov = await ledgerOf(0, november);
    const pages = Math.ceil(all.length / earnings.EARNINGS_PAGE_SIZE);
    const seen: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const data = await earnings.getMyEarnings({}, page);
      expect(data.page).toBe(page);
      seen.push(...data.groups.flatMap((g) => g.items.map((l) => l.id)));
      if (page === 2) {
        expect(data.groups.map((g) => [g.periodId, g.from, g.items.length])).toEqual([
          [november, earnings.EARNINGS_PAGE_SIZE + 1, nov.length - earnings.EARNINGS_PAGE_SIZE],
          [october, 1, Math.min(all.length - nov.length, 2 * earnings.EARNINGS_PAGE_SIZE - nov.length)],
        ]);
        expect(data.groups.every((g) => g.items.every((l) => l.periodId === g.periodId && l.pending === g.pending))).toBe(true);
      }
    }
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen)).toEqual(new Set(all.map((r) => r.id)));
    // Past the end: the last page, never an empty one.
    expect((await earnings.getMyEarnings({}, pages + 10)).page).toBe(pages);
  });

  it("filters by period, state and level, with counts and totals of the filtered lines", async () => {
    const earnings = await as(0);
    const oct = await ledgerOf(0, october);
    const closed = await earnings.getMyEarnings({ state: "closed" });
    expect(closed).toMatchObject({ total: oct.length, pendingCents: 0, closedCents: sum(oct) });
    expect(closed.groups.map((g) => g.periodId)).toEqual([october]);
    const byPeriod = await earnings.getMyEarnings({ period: october });
    expect(byPeriod.total).toBe(oct.length);
    const level2 = (await ledgerOf(0)).filter((r) => r.level === 2);
    expect(level2.length).toBeGreaterThan(0);
    const filtered = await earnings.getMyEarnings({ level: 2 });
    expect(filtered.total).toBe(level2.length);
    expect(filtered.groups.flatMap((g) => g.items.map((l) => l.level))).toEqual(level2.map(() => 2));
    expect(await earnings.getMyEarnings({ period: 999_999 })).toMatchObject({ total: 0, groups: [], periodTotals: [], page: 1 });
  });

  it("states each line's base: the order's CV, whose rate floored is the amount, and who compression skipped", async () => {
    const earnings = await as(0);
    const lines = await earnings.getMyEarningsExport({});
    expect(lines).toHaveLength((await ledgerOf(0)).length);
    for (const line of lines) {
      expect(Math.floor((line.cvCents * line.rateBps) / 10_000)).toBe(Math.abs(line.amountCents));
      expect(explainEarningsLine(line, "USD")).not.toContain("but this line records");
    }
    // Member 6's order: member 1 is inactive, so level 1 reaches the leader at generation 2.
    const skipped = lines.find((l) => l.sellerName === "Member 6" && l.level === 1)!;
    expect(skipped).toMatchObject({ generation: 2, cvCents: 8001, rateBps: 1000, amountCents: 800, skipped: [{ name: "Member 1", reason: "inactive" }] });
    expect(explainEarningsLine(skipped, "USD")).toContain(
      "level 1 pays 10% of $80.01 commissionable value = $8.00 (rounded down to the cent); compression skipped Member 1 (inactive), so level 1 reached you.",
    );
  });

  it("shows a distributor only their own lines; a viewer without a distributor sees none", async () => {
    const earnings = await as(2);
    const own = await ledgerOf(2);
    expect(own.length).toBeGreaterThan(0);
    const data = await earnings.getMyEarnings({});
    expect(data.total).toBe(own.length);
    expect(new Set(data.groups.flatMap((g) => g.items.map((l) => l.id)))).toEqual(new Set(own.map((r) => r.id)));
    expect(new Set((await earnings.getMyEarningsExport({})).map((l) => l.id))).toEqual(new Set(own.map((r) => r.id)));
    // Another member's period filter finds nothing of the leader's.
    expect((await earnings.getMyEarnings({ period: october })).total).toBe((await ledgerOf(2, october)).length);

    const admin = await as(null);
    expect(await admin.getMyEarnings({})).toMatchObject({ total: 0, groups: [], periodTotals: [] });
    expect(await admin.getMyEarningsExport({})).toEqual([]);
  });

  it("is for signed-in viewers only", async () => {
    state.token = null;
    vi.resetModules();
    const earnings = await import("./earnings");
    await expect(earnings.getMyEarnings({})).rejects.toThrow("redirect /sign-in");
    await expect(earnings.getMyEarningsExport({})).rejects.toThrow("redirect /sign-in");
  });
});
