// The policy for a terminated distributor (docs/security.md), enforced in the
// data layer: no team data, no referral link or recruits; their own orders and
// earnings (they are owed them) stay readable.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({ db: null as Database | null, token: null as { id: string; sv: number } | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date("2026-11-20T12:00:00Z") }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "lineage.test" }), cookies: async () => ({ get: () => undefined }) }));
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

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  // 0 <- 1 <- 2 <- 3: member 1 has a team, sells, and is then terminated.
  co = await createCompany(t.db, [null, 0, 1, 2]);
  for (const [k, seller] of [1, 2, 3].entries()) {
    await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[seller]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: `t-${k}`,
      at: new Date("2026-11-10T12:00:00Z"),
    });
  }
});
afterAll(async () => {
  await t?.destroy();
});

/** The data layer as member `index` sees it (fresh modules: no per-request cache carried over). */
async function asMember(index: number) {
  const [user] = await t.db
    .select({ id: users.id, sv: users.sessionVersion })
    .from(users)
    .innerJoin(distributors, eq(distributors.userId, users.id))
    .where(eq(distributors.id, co.ids[index]!));
  state.token = { id: String(user!.id), sv: user!.sv };
  vi.resetModules();
  const team = await import("@/lib/data/team");
  const referrals = await import("@/lib/data/referrals");
  const orders = await import("@/lib/data/orders");
  const earnings = await import("@/lib/data/earnings");
  const query = { sort: "name", dir: "asc", page: 1, size: 25 } as const;
  return {
    team: await team.getTeamView(),
    dashboard: await team.getDashboard(),
    generations: await team.getTeamGenerations(),
    page: await team.getTeamPage(query),
    exported: await team.exportTeam(query).then(async (e) => {
      const rows = [];
      for await (const chunk of e.rows) rows.push(...chunk);
      return { ...e, rows };
    }),
    member: await team.getTeamMember(co.ids[2]!),
    search: await team.searchTeamMembers("Member"),
    children: await team.getTreeChildren([co.ids[1]!], 0),
    recruits: await referrals.listMyRecentRecruits(),
    code: await referrals.getMyReferralCode(),
    share: await referrals.getMyShareLink(),
    orders: (await orders.listMyOrders()).rows,
    earnings: (await earnings.getMyEarnings({})).total,
  };
}

describe("a terminated distributor", () => {
  it("sees their team and referral tools while active (the control)", async () => {
    const seen = await asMember(1);
    expect(seen.team).not.toBeNull();
    expect(seen.page.total).toBe(2);
    expect(seen.member).not.toBeNull();
    expect(seen.recruits).toHaveLength(1);
    expect(seen.code).not.toBeNull();
    expect(seen.orders).toHaveLength(1);
    expect(seen.earnings).toBeGreaterThan(0);
  });

  it("once terminated, sees no team data, no link and no recruits, but still their orders and earnings", async () => {
    await t.db.update(distributors).set({ status: "terminated" }).where(eq(distributors.id, co.ids[1]!));
    const seen = await asMember(1);
    expect(seen).toMatchObject({
      team: null,
      dashboard: null,
      generations: [],
      page: { rows: [], total: 0 },
      exported: { view: null, rows: [], total: 0 },
      member: null,
      search: [],
      children: [],
      recruits: [],
      code: null,
      share: null,
    });
    expect(seen.orders).toHaveLength(1);
    expect(seen.earnings).toBeGreaterThan(0);
  });
});
