import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionPeriods } from "@/db/schema";
import type { Plan } from "@/lib/commissions";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { auditEntries, createAdmin, tableFingerprint } from "@/tests/admin-fixtures";
import { createCompany, smallPlan, type TestCompany } from "@/tests/fixtures/company";
import { closePeriodAudited } from "./periods";
import { getPublishedPlan, listPlanVersions, previewPlan, publishPlan } from "./plan";

let t: TestDatabase;
let co: TestCompany;
let admin: number;
let key = 0;
/** When the admin closes a period in these tests. */
const closeAt = new Date("2027-03-01T09:00:00Z");

const sponsors = [null, 0, 1, 2, 3, 4, 1, 6, 3, 8];

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  admin = await createAdmin(t.db);
  const buy = (seller: number, product: number, quantity: number, at: string, kind: "personal" | "retail" = "personal") =>
    placeDemoPaidOrder(t.db, {
      sellerId: co.ids[seller]!,
      kind,
      items: [{ productId: co.productIds[product]!, quantity }],
      idempotencyKey: `k${++key}`,
      at: new Date(at),
      ...(kind === "retail" ? { customer: { name: "C", email: "c@x.test" } } : {}),
    });
  for (let i = 0; i < sponsors.length; i++) await buy(i, i % 3, 1 + (i % 2), "2026-10-10T10:00:00Z", i % 4 === 0 ? "retail" : "personal");
  const [oct] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2026-10-01"));
  await closePeriodAudited(t.db, admin, oct!.id, closeAt);
  for (let i = 0; i < sponsors.length; i++) await buy(i, (i + 1) % 3, 1 + (i % 3), "2026-11-10T10:00:00Z", i % 3 === 0 ? "retail" : "personal");
});
afterAll(async () => {
  await t?.destroy();
});

const ledgerTotal = async (startsOn: string) =>
  (
    await queryRows<{ total: number }>(
      t.db,
      sql`select coalesce(sum(l.amount_cents), 0)::float8 as total from commission_ledger l join commission_periods p on p.id = l.period_id
        where p.starts_on = ${startsOn}::date and l.kind = 'commission'`,
    )
  )[0]!.total;

const draft: Plan = {
  activeMinPv: 20,
  personalBps: 1500,
  levelsBps: [1200, 600, 400, 200],
  compression: false,
  ranks: [
    { name: "Member", minPv: 0, minGv: 0, paidLevels: 2 },
    { name: "Gold", minPv: 20, minGv: 100, paidLevels: 4 },
  ],
};

describe("plan versions", () => {
  it("previews the open period under a draft without writing anything", async () => {
    const before = await tableFingerprint(t.db);
    const preview = await previewPlan(t.db, draft);
    expect(await tableFingerprint(t.db)).toEqual(before);
    expect(preview.period?.startsOn).toBe("2026-11-01");
    // "Current" is exactly what the ledger pays now.
    expect(preview.current.totalCents).toBe(await ledgerTotal("2026-11-01"));
    for (const s of [preview.current, preview.draft]) {
      const levelPaid = s.byLevel.filter((l) => l.level > 0).reduce((a, l) => a + l.paidCents, 0);
      const pool = s.byLevel.reduce((a, l) => a + l.poolCents, 0);
      expect(levelPaid + s.breakageCents).toBe(pool);
    }
    expect(preview.draft.byLevel.map((l) => l.rateBps)).toEqual([1500, 1200, 600, 400, 200]);
  });

  it("publishes a new version for open periods; the closed period keeps its own", async () => {
    const expected = (await previewPlan(t.db, draft)).draft.totalCents;
    const result = await publishPlan(t.db, admin, draft);
    expect(result).toMatchObject({ version: 2, recomputed: true });
    const periods = await t.db.select().from(commissionPeriods).orderBy(commissionPeriods.startsOn);
    expect(periods.map((p) => [p.startsOn, p.status, p.planId === co.planId ? "v1" : "v2", p.needsRecompute])).toEqual([
      ["2026-10-01", "closed", "v1", false],
      ["2026-11-01", "open", "v2", false],
    ]);
    // The recomputed ledger pays exactly what the preview said, and equals a full run.
    expect(await ledgerTotal("2026-11-01")).toBe(expected);
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
    expect((await getPublishedPlan(t.db))!.plan).toEqual(draft);
    expect((await listPlanVersions(t.db)).map((v) => [v.version, v.periods])).toEqual([
      [2, ["2026-11-01"]],
      [1, ["2026-10-01"]],
    ]);
    const [entry] = await auditEntries(t.db, "plan.publish");
    expect(entry).toMatchObject({
      actorUserId: admin,
      entity: "plan",
      entityId: String(result.id),
      before: { version: 1, levelsBps: smallPlan.levelsBps },
      after: { version: 2, levelsBps: draft.levelsBps },
    });
  });

  it("refuses to publish the same plan again, and the database refuses to re-plan a closed period", async () => {
    await expect(publishPlan(t.db, admin, draft)).rejects.toThrow(/Nothing to publish/);
    const [oct] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, "2026-10-01"));
    const [latest] = await queryRows<{ id: number }>(t.db, sql`select id from compensation_plans order by version desc limit 1`);
    await expect(t.db.update(commissionPeriods).set({ planId: latest!.id }).where(eq(commissionPeriods.id, oct!.id))).rejects.toThrow();
  });

  it("publishes the retail rule's customer form as a version of its own, audited when turned on", async () => {
    const withRule = { ...draft, retailMinCustomers: 3 };
    const result = await publishPlan(t.db, admin, withRule);
    expect(result).toMatchObject({ version: 3, recomputed: true });
    expect((await getPublishedPlan(t.db))!.plan).toEqual(withRule);
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
    const entry = (await auditEntries(t.db, "plan.publish")).at(-1);
    expect(entry).toMatchObject({ before: { version: 2, retailMinCustomers: 0 }, after: { version: 3, retailMinCustomers: 3 } });
    // The database bounds it as the editor does.
    await expect(t.db.execute(sql`update compensation_plans set retail_min_customers = 101 where id = ${result.id}`)).rejects.toThrow();
  });
});
