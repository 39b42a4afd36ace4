// The cancel dialog's numbers (lib/data/orders.ts getMyOrderCancelPreview): what
// the dashboard shows before, and what it shows after the cancellation really
// happens; and only the order's own seller may ask.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";
import { refundOrder } from "@/lib/orders/refund";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const at = new Date("2026-11-19T12:00:00Z");
const state = vi.hoisted(() => ({ db: null as Database | null, token: null as { id: string; sv: number } | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date("2026-11-20T12:00:00Z") }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "lineage.test" }), cookies: async () => ({ get: () => undefined }) }));

let t: TestDatabase;
let co: TestCompany;
let big: number;

async function order(seller: number, product: number, key: string): Promise<number> {
  const r = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[seller]!,
    kind: "personal",
    items: [{ productId: co.productIds[product]!, quantity: 1 }],
    idempotencyKey: key,
    at,
  });
  return r.orderId;
}

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  // 0 <- 1 <- {2, 3}. Member 1 buys Big (120 PV) and Mid (40 PV); 2 and 3 buy Big each.
  // With 160 PV and 400 GV member 1 is Silver (tests/fixtures/company.ts); without Big, 40 PV is below the 50 PV minimum.
  co = await createCompany(t.db, [null, 0, 1, 1]);
  big = await order(1, 2, "p-1");
  await order(1, 1, "p-2");
  await order(2, 2, "p-3");
  await order(3, 2, "p-4");
});
afterAll(async () => {
  await t?.destroy();
});

/** The data layer as member `index` sees it (-1: signed in as an admin without a distributor record). */
async function asMember(index: number) {
  const [user] =
    index < 0
      ? await t.db
          .insert(users)
          .values({ email: "admin@test.example", name: "Admin", passwordHash: "x", role: "admin" })
          .returning({ id: users.id, sv: users.sessionVersion })
      : await t.db
          .select({ id: users.id, sv: users.sessionVersion })
          .from(users)
          .innerJoin(distributors, eq(distributors.userId, users.id))
          .where(eq(distributors.id, co.ids[index]!));
  state.token = { id: String(user!.id), sv: user!.sv };
  vi.resetModules();
  return { orders: await import("@/lib/data/orders"), team: await import("@/lib/data/team") };
}

describe("the cancel preview", () => {
  it("is refused for another member's order, even the sponsor's view of a recruit's, and for an admin", async () => {
    expect(await (await asMember(2)).orders.getMyOrderCancelPreview(big)).toBeNull();
    expect(await (await asMember(0)).orders.getMyOrderCancelPreview(big)).toBeNull();
    expect(await (await asMember(-1)).orders.getMyOrderCancelPreview(big)).toBeNull();
  });

  it("states the dashboard's figures now and exactly the ones the cancellation leaves", async () => {
    const { orders, team } = await asMember(1);
    const before = (await team.getDashboard())!.summary;
    const preview = await orders.getMyOrderCancelPreview(big);
    expect(before).toMatchObject({ pv: 160, rank: { name: "Silver" } });
    expect(before.earningsThisPeriodCents).toBeGreaterThan(0);
    expect(preview).toMatchObject({
      kind: "open",
      periodStartsOn: "2026-11-01",
      pvBefore: 160,
      pvAfter: 40,
      rankBefore: "Silver",
      earningsBeforeCents: before.earningsThisPeriodCents,
    });
    if (preview?.kind !== "open") throw new Error("expected an open-period preview");
    expect(preview.rankAfter).not.toBe("Silver");
    expect(preview.earningsAfterCents).toBeLessThan(preview.earningsBeforeCents);

    // The preview changed nothing; the cancellation then lands exactly on its figures.
    expect((await team.getDashboard())!.summary.pv).toBe(160);
    await refundOrder(t.db, big, { status: "cancelled", reason: "test", at: new Date("2026-11-20T12:00:00Z") });
    const after = (await (await asMember(1)).team.getDashboard())!.summary;
    expect(after.pv).toBe(preview.pvAfter);
    expect(after.rank?.name ?? null).toBe(preview.rankAfter);
    expect(after.earningsThisPeriodCents).toBe(preview.earningsAfterCents);
  });

  it("is null once the order is cancelled", async () => {
    expect(await (await asMember(1)).orders.getMyOrderCancelPreview(big)).toBeNull();
  });
});

describe("the cancel preview under the retail rule", () => {
  let t2: TestDatabase;
  let retailOrder: number;

  beforeAll(async () => {
    t2 = await createTestDatabase();
    state.db = t2.db;
    co = await createCompany(t2.db, [null, 0, 1]);
    // Half of a member's PV must come from retail orders for level pay (docs/commissions.md, "The retail rule").
    await t2.db.execute(sql`update compensation_plans set retail_min_bps = 5000`);
    const buy = async (seller: number, kind: "personal" | "retail", key: string) =>
      (
        await placeDemoPaidOrder(t2.db, {
          sellerId: co.ids[seller]!,
          kind,
          items: [{ productId: co.productIds[2]!, quantity: 1 }],
          idempotencyKey: key,
          at,
          ...(kind === "retail" ? { customer: { name: "A Customer", email: "customer@test.example" } } : {}),
        })
      ).orderId;
    await buy(1, "personal", "r-1");
    retailOrder = await buy(1, "retail", "r-2");
    await buy(2, "personal", "r-3");
  });
  afterAll(async () => {
    state.db = t.db;
    await t2?.destroy();
  });

  it("counts the retail volume the cancellation takes away, and the cancellation lands on its figures", async () => {
    const { orders, team } = await asMember(1);
    const before = (await team.getDashboard())!.summary;
    const preview = await orders.getMyOrderCancelPreview(retailOrder);
    if (preview?.kind !== "open") throw new Error("expected an open-period preview");
    expect(preview).toMatchObject({ pvBefore: 240, pvAfter: 120, earningsBeforeCents: before.earningsThisPeriodCents });
    // Without the retail order member 1 has no retail volume: no level pay on member 2's order any more.
    expect(preview.earningsAfterCents).toBeLessThan(preview.earningsBeforeCents);
    await refundOrder(t2.db, retailOrder, { status: "cancelled", reason: "test", at: new Date("2026-11-20T12:00:00Z") });
    const after = (await (await asMember(1)).team.getDashboard())!.summary;
    expect(after.pv).toBe(preview.pvAfter);
    expect(after.earningsThisPeriodCents).toBe(preview.earningsAfterCents);
  });
});
