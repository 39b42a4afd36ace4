import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionPeriods, distributors, incomeStatements, orders, products, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { reconcilePeriod } from "@/lib/ledger/reconcile";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { demoLogins, demoPassword, isDatabaseEmpty, seedDemoCompany } from "./demo";

const now = new Date("2026-11-20T12:00:00Z");
// The twelve months of history the seed covers at that moment, oldest first.
const months = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"].map(
  (m) => `${m}-01`,
);
let one: TestDatabase;
let two: TestDatabase;

beforeAll(async () => {
  [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  expect(await isDatabaseEmpty(one.db)).toBe(true);
  await seedDemoCompany(one.db, now);
  await seedDemoCompany(two.db, now);
  // Two seeds of a year of history each, on a shared machine.
}, 600_000);
afterAll(async () => {
  await Promise.all([one?.destroy(), two?.destroy()]);
});

async function treeOf(t: TestDatabase) {
  return t.db
    .select({ email: users.email, name: users.name, code: distributors.referralCode, path: distributors.path, status: distributors.status })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .orderBy(asc(distributors.id));
}

describe("the demo company", () => {
  it("is deterministic", async () => {
    expect(await treeOf(one)).toEqual(await treeOf(two));
    const ordersOf = (t: TestDatabase) =>
      t.db.select({ seller: orders.sellerId, kind: orders.kind, cv: orders.cvCents, at: orders.createdAt }).from(orders).orderBy(asc(orders.id));
    expect(await ordersOf(one)).toEqual(await ordersOf(two));
    expect(await isDatabaseEmpty(one.db)).toBe(false);
  });

  it("has the documented logins, with the password lineage-demo", async () => {
    for (const [email, role] of [
      [demoLogins.admin, "admin"],
      [demoLogins.distributor, "distributor"],
    ] as const) {
      const [user] = await one.db.select().from(users).where(eq(users.email, email));
      expect(user?.role).toBe(role);
      expect(await verifyPassword(user!.passwordHash, demoPassword)).toBe(true);
    }
  });

  it("has a root house account, a few hundred distributors and generations 1 to at least 6", async () => {
    const tree = await treeOf(one);
    expect(tree.length).toBeGreaterThanOrEqual(200);
    const roots = await one.db
      .select({ n: count() })
      .from(distributors)
      .where(sql`${distributors.sponsorId} is null`);
    expect(roots[0]?.n).toBe(1);
    const [deepest] = await one.db.select({ d: sql<number>`max(${distributors.depth})` }).from(distributors);
    expect(Number(deepest?.d)).toBeGreaterThanOrEqual(6);
  });

  it("gives the demo distributor the largest downline below the house account", async () => {
    const sizes = await queryRows<{ email: string; size: number }>(
      one.db,
      sql`
      select u.email, (select count(*) from distributors x where x.path like d.path || '.%')::int as size
      from distributors d join users u on u.id = d.user_id
      where d.depth >= 1 order by size desc limit 2`,
    );
    expect(sizes[0]?.email).toBe(demoLogins.distributor);
    expect(sizes[0]!.size).toBeGreaterThan(sizes[1]!.size);
    const [demo] = await one.db
      .select({ path: distributors.path, depth: distributors.depth })
      .from(distributors)
      .innerJoin(users, eq(users.id, distributors.userId))
      .where(eq(users.email, demoLogins.distributor));
    const [deepest] = await one.db
      .select({ d: sql<number>`max(${distributors.depth})` })
      .from(distributors)
      .where(sql`${distributors.path} like ${demo!.path + ".%"}`);
    expect(Number(deepest?.d) - demo!.depth).toBeGreaterThanOrEqual(6);
  });

  it("has about ten products and orders in each of twelve months, none after now", async () => {
    const [catalog] = await one.db.select({ n: count() }).from(products);
    expect(catalog?.n).toBe(10);
    const perPeriod = await one.db
      .select({ startsOn: commissionPeriods.startsOn, n: count(orders.id) })
      .from(commissionPeriods)
      .leftJoin(orders, and(eq(orders.periodId, commissionPeriods.id), eq(orders.status, "paid")))
      .groupBy(commissionPeriods.startsOn)
      .orderBy(asc(commissionPeriods.startsOn));
    expect(perPeriod.map((p) => p.startsOn)).toEqual(months);
    for (const p of perPeriod) expect(p.n).toBeGreaterThan(10);
    // The company grows: more orders in the last closed month than in the first.
    expect(perPeriod[10]!.n).toBeGreaterThan(3 * perPeriod[0]!.n);
    const late = await one.db
      .select({ n: count() })
      .from(orders)
      .where(sql`${orders.createdAt} > ${now.toISOString()}`);
    expect(late[0]?.n).toBe(0);
  });

  it("grows over the year: members join month after month, a few cancel or are refunded, two are terminated", async () => {
    const joined = await queryRows<{ month: string; n: number }>(
      one.db,
      sql`select to_char(date_trunc('month', joined_at at time zone 'UTC'), 'YYYY-MM-DD') as month, count(*)::int as n
          from distributors where joined_at >= ${months[0]!}::date group by 1 order by 1`,
    );
    expect(joined.length).toBeGreaterThanOrEqual(11);
    expect(joined.at(-2)!.n).toBeGreaterThan(joined[0]!.n);
    const late = await queryRows(one.db, sql`select 1 from distributors where joined_at > ${now.toISOString()}::timestamptz`);
    expect(late).toEqual([]);
    // Nobody buys before joining.
    const early = await queryRows(one.db, sql`select 1 from orders o join distributors d on d.id = o.seller_id where o.created_at < d.joined_at`);
    expect(early).toEqual([]);
    const statuses = await queryRows<{ status: string; n: number }>(one.db, sql`select status, count(*)::int as n from orders group by status`);
    const of = (status: string) => statuses.find((r) => r.status === status)?.n ?? 0;
    expect(of("cancelled")).toBeGreaterThan(0);
    expect(of("refunded")).toBeGreaterThanOrEqual(5);
    expect(of("paid")).toBeGreaterThan(800);
    const [terminated] = await one.db.select({ n: count() }).from(distributors).where(eq(distributors.status, "terminated"));
    expect(terminated?.n).toBe(2);
  });
});

describe("the demo company's ledger", () => {
  it("is real: eleven months closed, this month open, each equal to a full run", async () => {
    const periods = await one.db.select().from(commissionPeriods).orderBy(asc(commissionPeriods.startsOn));
    expect(periods.map((p) => p.status)).toEqual([...Array<string>(11).fill("closed"), "open"]);
    const reconciled = [];
    for (const p of periods) reconciled.push(await reconcilePeriod(one.db, p.id));
    expect(reconciled.map((r) => [r.startsOn, r.differences])).toEqual(periods.map((p) => [p.startsOn, []]));
    // The first month is the founders' few lines; the team's growth fills the later ones.
    for (const r of reconciled) expect(r.ledgerLines).toBeGreaterThan(0);
    expect(reconciled[10]!.ledgerLines).toBeGreaterThan(5 * reconciled[0]!.ledgerLines);
  });

  it("has paid every closed month's payouts but the last one's, which is still to pay", async () => {
    const batches = await queryRows<{ starts_on: string; status: string; payable: number }>(
      one.db,
      sql`select p.starts_on::text, b.status, (select coalesce(sum(payable_cents), 0)::float8 from payouts where batch_id = b.id) as payable
          from payout_batches b join commission_periods p on p.id = b.period_id order by p.starts_on`,
    );
    expect(batches.map((b) => b.starts_on)).toEqual(months.slice(0, 11));
    expect(batches.map((b) => b.status)).toEqual([...Array<string>(10).fill("paid"), "pending"]);
    for (const b of batches) expect(b.payable).toBeGreaterThan(0);
    // Each close and each payment is in the audit log, by the admin.
    const audited = await queryRows<{ action: string; n: number }>(
      one.db,
      sql`select action, count(*)::int as n from audit_log where action in ('period.close', 'payout.mark_paid') group by action order by action`,
    );
    expect(audited).toEqual([
      { action: "payout.mark_paid", n: 10 },
      { action: "period.close", n: 11 },
    ]);
    // Dated when they happened over the year, not when the seed ran; none after now.
    const [span] = await queryRows<{ first: string; last: string }>(
      one.db,
      sql`select min(created_at)::text as first, max(created_at)::text as last from audit_log where actor_user_id is not null`,
    );
    expect(Date.parse(span!.last)).toBeLessThanOrEqual(now.getTime());
    expect(Date.parse(span!.first)).toBeLessThan(Date.parse(`${months[1]}T00:00:00Z`));
    // Nothing of the history for the worker to send at first start.
    expect(await queryRows(one.db, sql`select kind from jobs where status = 'queued' and kind like 'notify.%'`)).toEqual([]);
  });

  it("climbs the demo distributor's rank over the year", async () => {
    const ranks = await queryRows<{ rank: number | null }>(
      one.db,
      sql`select s.rank_position as rank from distributor_period_stats s
          join commission_periods p on p.id = s.period_id join distributors d on d.id = s.distributor_id join users u on u.id = d.user_id
          where u.email = ${demoLogins.distributor} and p.status = 'closed' order by p.starts_on`,
    );
    expect(ranks).toHaveLength(11);
    expect(ranks.at(-1)!.rank).toBeGreaterThan(ranks[0]!.rank ?? -1);
  });

  it("starts with one income disclosure statement published over its closed periods, the same in every seed", async () => {
    const statementsOf = (t: TestDatabase) =>
      t.db
        .select({
          starts: incomeStatements.rangeStartsOn,
          ends: incomeStatements.rangeEndsOn,
          sha: incomeStatements.inputsSha256,
          snapshot: incomeStatements.snapshot,
        })
        .from(incomeStatements);
    const rows = await statementsOf(one);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ starts: "2025-12-01", ends: "2026-11-01" });
    expect(rows[0]!.snapshot.population.total).toBeGreaterThanOrEqual(150);
    expect(rows[0]!.snapshot.everyone.zeroCount).toBeGreaterThan(0);
    expect(rows).toEqual(await statementsOf(two));
  });

  it("pays the demo distributor in the closed and the open periods", async () => {
    const rows = await queryRows<{ status: string; total: number }>(
      one.db,
      sql`select p.status, sum(l.amount_cents)::float8 as total from commission_ledger l
          join commission_periods p on p.id = l.period_id
          join distributors d on d.id = l.beneficiary_id join users u on u.id = d.user_id
          where u.email = ${demoLogins.distributor} group by p.status order by p.status`,
    );
    expect(rows.map((r) => r.status)).toEqual(["closed", "open"]);
    for (const r of rows) expect(r.total).toBeGreaterThan(0);
  });

  it("gives some members an autoship, due 4 to 31 days from now, and none to the demo distributor", async () => {
    const autoshipsOf = (t: TestDatabase) =>
      queryRows<{ email: string; day: number; next: string; status: string; items: number; last4: string }>(
        t.db,
        sql`select u.email, s.day_of_month as day, s.next_run_on::text as next, s.status, m.last4,
                   (select count(*)::int from subscription_items i where i.subscription_id = s.id) as items
            from subscriptions s join distributors d on d.id = s.distributor_id join users u on u.id = d.user_id
            join payment_methods m on m.id = s.payment_method_id
            order by s.id`,
      );
    const rows = await autoshipsOf(one);
    expect(rows).toEqual(await autoshipsOf(two));
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.map((r) => r.email)).not.toContain(demoLogins.distributor);
    for (const r of rows) {
      expect(r).toMatchObject({ status: "active", last4: "4242" });
      expect(r.items).toBeGreaterThanOrEqual(1);
      const days = (Date.parse(`${r.next}T00:00:00Z`) - Date.parse("2026-11-20T00:00:00Z")) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(4);
      expect(days).toBeLessThanOrEqual(31);
    }
    // Nothing for the worker to run or remind at first start.
    expect(await queryRows(one.db, sql`select 1 from jobs where kind like 'autoship.%'`)).toEqual([]);
  });
});
