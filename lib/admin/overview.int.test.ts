import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissionPeriods } from "@/db/schema";
import { createOrder } from "@/lib/orders/create";
import { demoShippingAddress, placeDemoPaidOrder } from "@/lib/payments/demo";
import { createAdmin } from "@/tests/admin-fixtures";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { markPayoutBatchPaid } from "./payouts";
import { closePeriodAudited } from "./periods";
import { getAdminOverview } from "./overview";

let t: TestDatabase;
let co: TestCompany;
let admin: number;
let key = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  // 0 <- 1 <- 2: member 1 earns level 1 on member 2's orders while active.
  co = await createCompany(t.db, [null, 0, 1]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

const big = () => co.productIds[2]!; // T-BIG: price 9999, PV 120, CV 8001; free shipping to the demo address
const buy = (seller: number, quantity: number, at: string) =>
  placeDemoPaidOrder(t.db, {
    sellerId: co.ids[seller]!,
    kind: "personal",
    items: [{ productId: big(), quantity }],
    idempotencyKey: `k${++key}`,
    at: new Date(at),
  });
const periodId = async (startsOn: string) => (await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.startsOn, startsOn)))[0]!.id;

describe("the admin landing page's figures", () => {
  it("an empty company shows zeros and no period", async () => {
    const o = await getAdminOverview(t.db, new Date("2026-10-05T12:00:00Z"));
    expect(o).toEqual({
      today: { day: "2026-10-05", paidOrders: 0, salesCents: 0, awaitingPayment: 0 },
      openPeriod: null,
      pendingPayouts: { periods: 0, oldestStartsOn: null, distributors: 0, payableCents: 0 },
      attention: { failedJobs: 0, failedEmails: 0 },
    });
  });

  it("counts the UTC day's paid and unpaid orders, the open period and the payouts still to make", async () => {
    await buy(1, 1, "2026-10-05T10:00:00Z");
    await buy(2, 1, "2026-10-06T10:00:00Z"); // member 1 earns 800 at level 1
    await closePeriodAudited(t.db, admin, await periodId("2026-10-01"), new Date("2026-11-01T08:00:00Z"));
    // November: two paid orders on the 3rd (one just before midnight UTC), one on the 4th, one left unpaid on the 3rd.
    await buy(1, 2, "2026-11-03T00:00:00Z");
    await buy(2, 1, "2026-11-03T23:59:59Z");
    await buy(0, 1, "2026-11-04T00:00:00Z");
    await createOrder(t.db, {
      sellerId: co.ids[0]!,
      kind: "personal",
      items: [{ productId: big(), quantity: 1 }],
      idempotencyKey: `k${++key}`,
      at: new Date("2026-11-03T09:00:00Z"),
      provider: "demo",
      shippingAddress: demoShippingAddress,
    });
    const o = await getAdminOverview(t.db, new Date("2026-11-03T18:00:00Z"));
    expect(o.today).toEqual({ day: "2026-11-03", paidOrders: 2, salesCents: 3 * 9999, awaitingPayment: 1 });
    expect(o.openPeriod).toMatchObject({ startsOn: "2026-11-01", orders: 3, salesCents: 4 * 9999, cvCents: 4 * 8001, updating: false });
    expect(o.openPeriod!.commissionsCents).toBeGreaterThan(0);
    expect(o.pendingPayouts).toEqual({ periods: 1, oldestStartsOn: "2026-10-01", distributors: 1, payableCents: 800 });
  });

  it("a period marked paid leaves the payouts to make", async () => {
    await markPayoutBatchPaid(t.db, admin, await periodId("2026-10-01"), new Date("2026-11-05T09:00:00Z"));
    const o = await getAdminOverview(t.db, new Date("2026-11-05T10:00:00Z"));
    expect(o.pendingPayouts).toEqual({ periods: 0, oldestStartsOn: null, distributors: 0, payableCents: 0 });
    expect(o.today).toEqual({ day: "2026-11-05", paidOrders: 0, salesCents: 0, awaitingPayment: 0 });
  });
});
