// Who reads what of the buyback and the regulator export, through the data
// layer: the export and the buyback queue are admins' only (a distributor gets
// a 404, the signed-out the sign-in page); a distributor sees returnable
// orders only once they are leaving, and only their own.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { distributors, users } from "@/db/schema";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({ db: null as Database | null, token: null as { id: string; sv: number } | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
// getCompany asks for a request (never a build's prerender): there is none here.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));
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
let adminId = 0;
let periodId = 0;
const now = new Date("2026-11-20T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  co = await createCompany(t.db, [null, 0, 1, 2]);
  adminId = await createAdmin(t.db);
  for (const seller of [1, 2, 3]) {
    periodId = (
      await placeDemoPaidOrder(t.db, {
        sellerId: co.ids[seller]!,
        kind: "personal",
        items: [{ productId: co.productIds[2]!, quantity: 1 }],
        idempotencyKey: `b-${seller}`,
        at: new Date("2026-11-10T12:00:00Z"),
      })
    ).periodId;
  }
});
afterAll(async () => {
  await t?.destroy();
});

async function signIn(userId: number | null) {
  if (userId === null) state.token = null;
  else {
    const [user] = await t.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
    state.token = { id: String(userId), sv: user!.sv };
  }
  vi.resetModules();
  return { exports: await import("./admin-commission-export"), buyback: await import("./buyback") };
}
const userOf = async (index: number) =>
  (await t.db.select({ userId: distributors.userId }).from(distributors).where(eq(distributors.id, co.ids[index]!)))[0]!.userId;

describe("the regulator export", () => {
  it("streams every line of the period to an admin", async () => {
    const { exports } = await signIn(adminId);
    const response = (await exports.exportPeriodCommissionLines(periodId, "csv"))!;
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="commission-lines-2026-11-open-not-final.csv"');
    const rows = (await response.text()).trimEnd().split("\r\n");
    const [ledger] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from commission_ledger where period_id = ${periodId}`);
    expect(ledger!.n).toBeGreaterThan(0);
    expect(rows).toHaveLength(ledger!.n + 1);
    expect(await exports.exportPeriodCommissionLines(999_999, "json")).toBeNull();
  });

  it("is refused to a distributor (404) and to the signed-out (sign-in)", async () => {
    await expect((await signIn(await userOf(1))).exports.exportPeriodCommissionLines(periodId, "csv")).rejects.toThrow("404");
    await expect((await signIn(null)).exports.exportPeriodCommissionLines(periodId, "json")).rejects.toThrow("redirect /sign-in");
  });
});

describe("buyback reads", () => {
  it("the queue is an admin's only", async () => {
    expect(await (await signIn(adminId)).buyback.listAdminBuybackRequests()).toEqual([]);
    await expect((await signIn(await userOf(2))).buyback.listAdminBuybackRequests()).rejects.toThrow("404");
    await expect((await signIn(await userOf(2))).buyback.getAdminDistributorBuyback(co.ids[2]!, now)).rejects.toThrow("404");
  });

  it("a distributor sees their own returnable orders only once they are leaving", async () => {
    const active = await (await signIn(await userOf(3))).buyback.getMyBuyback(now);
    expect(active).toMatchObject({ leaving: false, eligible: [] });
    await t.db.update(distributors).set({ status: "terminated" }).where(eq(distributors.id, co.ids[3]!));
    const leaving = await (await signIn(await userOf(3))).buyback.getMyBuyback(now);
    expect(leaving!.leaving).toBe(true);
    expect(leaving!.eligible).toHaveLength(1);
    expect(leaving!.eligible[0]).toMatchObject({ subtotalCents: 9999, refundCents: 8999 });
    // An admin has no distributor record: nothing to return.
    expect(await (await signIn(adminId)).buyback.getMyBuyback(now)).toBeNull();
  });
});
