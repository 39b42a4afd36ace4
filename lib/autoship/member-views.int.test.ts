import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShippingAddress } from "@/db/schema";
import { demoCards, saveDemoCard } from "@/lib/payments/demo";
import { loadTeamContext, type TeamContext } from "@/lib/team/context";
import { getDownlinePage, scanDownline } from "@/lib/team/downline";
import { getMemberCard } from "@/lib/team/member";
import { listChildren } from "@/lib/team/tree";
import { parseTeamQuery } from "@/lib/validation/team";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createTeamFixture, teamNow, type TeamFixture } from "@/tests/fixtures/team";
import { getAutoshipBrief } from "./brief";
import { cancelSubscription, createSubscription, pauseSubscription } from "./manage";

// What others see of a member's autoship: the dashboard card's data (their
// own) and the team table's badge (their downline's, active ones only).
//
//   0 house
//   ├── 1 owner: active autoship (the owner is not in their own downline)
//   │   ├── 2 active ── 4 cancelled ── 5 cancelled, then a new active one
//   │   └── 3 paused
//   └── 6 outsider ── 7 active (outside the owner's downline)

let t: TestDatabase;
let f: TeamFixture;
let ctx: TeamContext;
const id = (i: number) => f.ids[i]!;
const at = teamNow;
const us: ShippingAddress = { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
const subscriptionOf = new Map<number, number>();

async function subscribe(index: number, quantity = 1) {
  const saved = await saveDemoCard(t.db, { distributorId: id(index), card: { number: demoCards.success, expiry: "12/30", cvc: "123" }, at });
  if (!saved.ok) throw new Error(saved.message);
  const made = await createSubscription(t.db, {
    distributorId: id(index),
    // Mid: 40 PV a unit (smallPlan's activity minimum is 50 PV).
    items: [{ productId: f.productIds[1]!, quantity }],
    dayOfMonth: 25,
    address: us,
    methodId: saved.methodId,
    at,
  });
  subscriptionOf.set(index, made.subscriptionId);
  return made.subscriptionId;
}
const own = (index: number) => ({ distributorId: id(index), subscriptionId: subscriptionOf.get(index)!, at });

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createTeamFixture(t.db);
  ctx = (await loadTeamContext(t.db, f.owner, teamNow))!;
  await subscribe(1, 2);
  await subscribe(2);
  await subscribe(3);
  await pauseSubscription(t.db, own(3));
  await subscribe(4);
  await cancelSubscription(t.db, own(4));
  await subscribe(5);
  await cancelSubscription(t.db, own(5));
  await subscribe(5);
  await subscribe(7);
});
afterAll(async () => {
  await t?.destroy();
});

describe("the team table's autoship flag", () => {
  const flags = (rows: { id: number; autoship: boolean }[]) => Object.fromEntries(rows.map((r) => [r.id, r.autoship]));
  const expected = () => ({ [id(2)]: true, [id(3)]: false, [id(4)]: false, [id(5)]: true });

  it("is set exactly for the downline members whose autoship is active", async () => {
    const page = await getDownlinePage(t.db, ctx, parseTeamQuery({}));
    expect(page.total).toBe(4);
    expect(flags(page.rows)).toEqual(expected());
  });

  it("is the same on every path the table reads by (the top-GV walk, the scan, each sort)", async () => {
    for (const sort of ["gv", "pv", "name", "joined", "generation", "rank"]) {
      for (const dir of ["asc", "desc"]) {
        const query = parseTeamQuery({ sort, dir });
        expect(flags((await getDownlinePage(t.db, ctx, query)).rows), `${sort} ${dir}`).toEqual(expected());
        expect(flags(await scanDownline(t.db, ctx, query, 10, 0)), `${sort} ${dir} scan`).toEqual(expected());
      }
    }
  });

  it("follows the subscription's status: paused or stopped, it goes; active again, it comes back", async () => {
    await pauseSubscription(t.db, own(2));
    expect(flags((await getDownlinePage(t.db, ctx, parseTeamQuery({}))).rows)[id(2)]).toBe(false);
    await t.db.execute(sql`update subscriptions set status = 'failed' where id = ${subscriptionOf.get(2)!}`);
    expect(flags((await getDownlinePage(t.db, ctx, parseTeamQuery({}))).rows)[id(2)]).toBe(false);
    await t.db.execute(sql`update subscriptions set status = 'active' where id = ${subscriptionOf.get(2)!}`);
    expect(flags((await getDownlinePage(t.db, ctx, parseTeamQuery({}))).rows)[id(2)]).toBe(true);
  });

  it("is in the tree's nodes, generation by generation", async () => {
    const [owner] = await listChildren(t.db, ctx, [f.owner]);
    const [two] = await listChildren(t.db, ctx, [id(2)]);
    const [four] = await listChildren(t.db, ctx, [id(4)]);
    expect(flags([...owner!.nodes, ...two!.nodes, ...four!.nodes])).toEqual(expected());
  });

  it("is on the member card too; outside the downline there is no card at all", async () => {
    expect((await getMemberCard(t.db, ctx, id(5)))?.autoship).toBe(true);
    expect((await getMemberCard(t.db, ctx, id(3)))?.autoship).toBe(false);
    expect(await getMemberCard(t.db, ctx, id(7))).toBeNull();
  });
});

describe("the dashboard card's data", () => {
  it("is the member's own autoship: status, day, next date and its PV at today's catalog", async () => {
    expect(await getAutoshipBrief(t.db, id(1))).toEqual({ status: "active", dayOfMonth: 25, nextRunOn: "2026-11-25", pv: 80, retryingCycle: null });
    expect(await getAutoshipBrief(t.db, id(3))).toMatchObject({ status: "paused" });
    expect(await getAutoshipBrief(t.db, id(5))).toMatchObject({ status: "active", pv: 40 });
  });

  it("is null without an autoship, or with a cancelled one only", async () => {
    expect(await getAutoshipBrief(t.db, id(4))).toBeNull();
    expect(await getAutoshipBrief(t.db, id(6))).toBeNull();
  });

  it("names a declined run waiting for its retry", async () => {
    await t.db.execute(
      sql`insert into subscription_runs (subscription_id, cycle, status, attempts, last_error, created_at, updated_at)
          values (${subscriptionOf.get(7)!}, '2026-10-25', 'retrying', 1, 'Your card was declined.', ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)`,
    );
    expect(await getAutoshipBrief(t.db, id(7))).toMatchObject({ status: "active", retryingCycle: "2026-10-25" });
  });

  it("leaves withdrawn products out of the PV", async () => {
    await t.db.execute(sql`update products set active = false where id = ${f.productIds[1]!}`);
    try {
      expect(await getAutoshipBrief(t.db, id(1))).toMatchObject({ pv: 0 });
    } finally {
      await t.db.execute(sql`update products set active = true where id = ${f.productIds[1]!}`);
    }
  });
});
