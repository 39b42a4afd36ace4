import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { refundOrder } from "@/lib/orders/refund";
import { closePeriod } from "@/lib/ledger/close";
import { reconcilePeriod } from "@/lib/ledger/reconcile";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, smallPlan, type TestCompany } from "@/tests/fixtures/company";
import { getRetailReport } from "./retail";

// The retail-sales report on a small company with known answers, under a plan whose retail
// rule is on (60%); and the ledger kept by those orders equals a full run.

let t: TestDatabase;
let co: TestCompany;
let periodId = 0;
const at = new Date("2026-11-15T10:00:00Z");
let n = 0;
// Products (tests/fixtures/company.ts): 0 = PV 20 / CV 800, 1 = PV 40 / CV 2777, 2 = PV 120 / CV 8001.
const buy = async (seller: number, product: number, kind: "personal" | "retail", email?: string) => {
  const r = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[seller]!,
    kind,
    items: [{ productId: co.productIds[product]!, quantity: 1 }],
    idempotencyKey: `retail-${++n}`,
    at,
    ...(email ? { customer: { name: "Customer", email } } : {}),
  });
  periodId = r.periodId;
  return r.orderId;
};

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2, and 3 under 0; 4 never buys.
  co = await createCompany(t.db, [null, 0, 1, 0, 0], { ...smallPlan, retailMinBps: 6000, retailMinCustomers: 1 });
  await t.db.execute(sql`update distributors set joined_at = '2026-11-01T00:00:00Z'`);
  await buy(0, 2, "personal"); // 0: PV 120, all personal: fails the rule
  await buy(1, 1, "retail", "Ann@example.com"); // 1: retail 40 + 40, personal 20: 80 of 100 PV retail
  await buy(1, 1, "retail", "ann@example.com"); // the same customer, another case
  await buy(1, 0, "personal");
  await buy(2, 2, "personal"); // 2: all personal
  await buy(3, 0, "retail", "bo@example.com"); // 3: retail 20 of 20
  const refunded = await buy(3, 2, "retail", "cy@example.com");
  await refundOrder(t.db, refunded, { reason: "test", at });
});
afterAll(async () => {
  await t?.destroy();
});

describe("the retail-sales report", () => {
  it("splits CV by kind, counts distinct customers and who has one, and the rule's failures", async () => {
    const report = (await getRetailReport(t.db, periodId, 1, "share-desc"))!;
    expect(report.retailMinBps).toBe(6000);
    expect(report.retailMinCustomers).toBe(1);
    expect(report.totals).toEqual({
      retailCvCents: 2777 * 2 + 800,
      personalCvCents: 8001 + 800 + 8001,
      retailOrders: 3,
      personalOrders: 3,
      retailCustomers: 2, // ann (twice, any case) and bo; cy's order was refunded
      enrolled: 5,
      selling: 4,
      withRetailCustomer: 2,
      failingRule: 2, // 0 and 2
      failingCustomerRule: 2, // 0 and 2: no customer
    });
    expect(report.rows.map((r) => [r.distributorId, r.retailShareBps, r.retailCustomers, r.retailPv, r.pv, r.meetsRule, r.meetsCustomerRule])).toEqual([
      [co.ids[3], 10000, 1, 20, 20, true, true],
      [co.ids[1], Math.floor((5554 * 10000) / (5554 + 800)), 1, 80, 100, true, true],
      [co.ids[0], 0, 0, 0, 120, false, false],
      [co.ids[2], 0, 0, 0, 120, false, false],
    ]);
    const asc = (await getRetailReport(t.db, periodId, 1, "share-asc"))!;
    expect(asc.rows.map((r) => r.distributorId)).toEqual([co.ids[0], co.ids[2], co.ids[1], co.ids[3]]);
    expect(await getRetailReport(t.db, periodId + 999, 1, "name")).toBeNull();
  });

  it("keeps the ledger a full run's under the rule (both forms), and the stats' retail PV and customers", async () => {
    expect((await reconcilePeriod(t.db, periodId)).differences).toEqual([]);
    const rows = await queryRows<{ distributor_id: number; retail_pv: string }>(
      t.db,
      sql`select distributor_id, retail_pv::text from distributor_period_stats where period_id = ${periodId} and retail_pv > 0 order by distributor_id`,
    );
    expect(rows.map((r) => [r.distributor_id, Number(r.retail_pv)])).toEqual([
      [co.ids[1], 80],
      [co.ids[3], 20],
    ]);
    const customers = await queryRows<{ distributor_id: number; retail_customers: number }>(
      t.db,
      sql`select distributor_id, retail_customers from distributor_period_stats where period_id = ${periodId} and retail_customers > 0 order by distributor_id`,
    );
    expect(customers.map((r) => [r.distributor_id, r.retail_customers])).toEqual([
      [co.ids[1], 1],
      [co.ids[3], 1],
    ]);
    // 2's order: level 1 goes to 1 (meets the rule), level 2 to 0 is lost (fails it).
    const lines = await queryRows<{ beneficiary_id: number; level: number }>(
      t.db,
      sql`select l.beneficiary_id, l.level from commission_ledger l join orders o on o.id = l.order_id
          where o.seller_id = ${co.ids[2]} and l.period_id = ${periodId} order by l.level`,
    );
    expect(lines.map((r) => [r.beneficiary_id, r.level])).toEqual([[co.ids[1], 1]]);
  });

  it("migration 0025 backfills an open period's retail PV as a full run writes it", async () => {
    const retailPv = () =>
      queryRows<{ distributor_id: number; retail_pv: string }>(
        t.db,
        sql`select distributor_id, retail_pv::text from distributor_period_stats where period_id = ${periodId} order by distributor_id`,
      );
    const before = await retailPv();
    await t.db.execute(sql`update distributor_period_stats set retail_pv = 0 where period_id = ${periodId}`);
    const migration = fs.readFileSync(path.join(process.cwd(), "db/migrations/0025_retail_rule.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").find((s) => s.includes("UPDATE distributor_period_stats"))!;
    await t.db.execute(sql.raw(backfill));
    expect(await retailPv()).toEqual(before);
  });

  it("migration 0031 backfills an open period's retail customers as a full run writes them", async () => {
    const customers = () =>
      queryRows<{ distributor_id: number; retail_customers: number }>(
        t.db,
        sql`select distributor_id, retail_customers from distributor_period_stats where period_id = ${periodId} order by distributor_id`,
      );
    const before = await customers();
    await t.db.execute(sql`update distributor_period_stats set retail_customers = 0 where period_id = ${periodId}`);
    const migration = fs.readFileSync(path.join(process.cwd(), "db/migrations/0031_retail_customers.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").find((s) => s.includes("UPDATE distributor_period_stats"))!;
    await t.db.execute(sql.raw(backfill));
    expect(await customers()).toEqual(before);
  });

  it("reads a closed period the same", async () => {
    const open = (await getRetailReport(t.db, periodId, 1, "name"))!;
    await closePeriod(t.db, periodId);
    const closed = (await getRetailReport(t.db, periodId, 1, "name"))!;
    expect(closed.period.status).toBe("closed");
    expect(closed.totals).toEqual(open.totals);
    expect(closed.rows).toEqual(open.rows);
  });
});
