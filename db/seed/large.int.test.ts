import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { commissionPeriods, distributors, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { syntheticCompany } from "@/lib/commissions/synthetic";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { demoLogins, demoPassword } from "./demo";
import { pickLeaders, seedLargeCompany, treePaths, type LargeSeedResult } from "./large";

const size = { distributors: 3_000, orders: 9_000, seed: 7 };
const now = new Date("2026-11-20T12:00:00Z");
let t: TestDatabase;
let fresh: TestDatabase;
let seeded: LargeSeedResult;

beforeAll(async () => {
  [t, fresh] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  seeded = await seedLargeCompany(t.db, { ...size, now });
});
afterAll(async () => {
  await Promise.all([t?.destroy(), fresh?.destroy()]);
});

/** Foreign keys and indexes, by table and name (what the bulk load drops and restores). */
async function catalog(db: TestDatabase["db"]) {
  return queryRows<{ tbl: string; name: string; def: string }>(
    db,
    sql`select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'f'
        union all
        select indrelid::regclass::text, indexrelid::regclass::text, pg_get_indexdef(indexrelid) from pg_index
        where indrelid::regclass::text in ('users', 'distributors', 'orders', 'order_lines', 'commission_ledger', 'distributor_period_stats')
        order by 1, 2`,
  );
}

describe("the large synthetic company", () => {
  it("has every distributor, user, order and line, in the month of `now`", async () => {
    expect(seeded).toMatchObject({ distributors: size.distributors, orders: size.orders });
    const [counts] = await queryRows<{ d: number; u: number; o: number; l: number; a: number }>(
      t.db,
      sql`select (select count(*)::int from distributors) as d, (select count(*)::int from users) as u, (select count(*)::int from orders) as o,
                 (select count(*)::int from order_lines) as l, (select count(*)::int from users where role = 'admin') as a`,
    );
    expect(counts).toEqual({ d: size.distributors, u: size.distributors + 1, o: size.orders, l: size.orders, a: 1 });
    const [period] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.id, seeded.periodId));
    expect(period).toMatchObject({ startsOn: "2026-11-01", status: "open", needsRecompute: false });
    // Order figures: one line each, at the order's own figures; refunds carry their date.
    const [bad] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from orders o join order_lines l on l.order_id = o.id
          where l.unit_pv <> o.pv or l.unit_cv_cents <> o.cv_cents or o.created_at < '2026-11-01' or o.created_at > ${now.toISOString()}::timestamptz
             or (o.status <> 'paid') <> (o.refunded_at is not null)`,
    );
    expect(bad!.n).toBe(0);
  });

  it("stores exactly the paths and depths the sponsor trigger derives", async () => {
    const [mismatch] = await queryRows<{ n: number; deepest: number }>(
      t.db,
      sql`with recursive tree(id, path, depth) as (
            select id, id::text, 0 from distributors where sponsor_id is null
            union all
            select d.id, tree.path || '.' || d.id, tree.depth + 1 from distributors d join tree on d.sponsor_id = tree.id)
          select count(*) filter (where d.path is distinct from tree.path or d.depth is distinct from tree.depth)::int as n, max(tree.depth)::int as deepest
          from distributors d left join tree using (id)`,
    );
    expect(mismatch).toEqual({ n: 0, deepest: Math.max(...treePaths(syntheticCompany(size).company.sponsor).depth) });
    // The trigger is back on: a recruit under the deepest member gets its path from it.
    const [deepest] = await queryRows<{ id: number; path: string; depth: number }>(
      t.db,
      sql`select id, path, depth from distributors order by depth desc, id limit 1`,
    );
    const [user] = await t.db.insert(users).values({ email: "new.recruit@example.com", name: "New Recruit", passwordHash: "x" }).returning({ id: users.id });
    const [recruit] = await t.db
      .insert(distributors)
      .values({ userId: user!.id, sponsorId: deepest!.id, referralCode: "new-recruit" })
      .returning({ id: distributors.id, path: distributors.path, depth: distributors.depth });
    expect(user!.id).toBe(size.distributors + 2);
    expect(recruit).toEqual({ id: size.distributors + 1, path: `${deepest!.path}.${size.distributors + 1}`, depth: deepest!.depth + 1 });
  });

  it("restores every foreign key and index the bulk load dropped", async () => {
    expect(await catalog(t.db)).toEqual(await catalog(fresh.db));
  });

  it("has a ledger equal to a full run, and the demo logins", async () => {
    expect(seeded.lines).toBeGreaterThan(size.orders / 2);
    for (const r of await reconcileOpenPeriods(t.db)) {
      expect(r.differences).toEqual([]);
      expect(r.ledgerLines).toBe(seeded.lines);
    }
    const [admin] = await t.db.select().from(users).where(eq(users.email, demoLogins.admin));
    expect(admin!.role).toBe("admin");
    expect(await verifyPassword(admin!.passwordHash, demoPassword)).toBe(true);
  });

  it("names the leaders closest to 100k, 10k and 1k, with their real downlines", async () => {
    expect(seeded.leaders).toHaveLength(3);
    for (const leader of seeded.leaders) {
      const [row] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from distributors
            where id <= ${size.distributors} and path like (select path || '.%' from distributors where id = ${leader.id})`,
      );
      expect(row!.n).toBe(leader.downline);
    }
  });

  it("at the benchmarks' size (1M, default seed), has teams within 5% of 100k, 10k and 1k", () => {
    // The tree does not depend on the orders: none are generated here.
    const { sponsor } = syntheticCompany({ distributors: 1_000_000, orders: 0 }).company;
    const leaders = pickLeaders(sponsor);
    [100_000, 10_000, 1_000].forEach((target, k) => expect(Math.abs(leaders[k]!.downline - target) / target).toBeLessThan(0.05));
  });

  it("leaves the team rollups, where the schema has them, equal to a rebuild from scratch", async () => {
    // The seed defers the rollups of migration 0006 during its bulk write and rebuilds them once.
    const [has] = await queryRows<{ ok: boolean }>(
      t.db,
      sql`select to_regprocedure('team_rollup_rebuild_period(integer)') is not null and to_regprocedure('team_rollup_rebuild_members()') is not null
                 and to_regclass('team_generation_stats') is not null and to_regclass('team_child_gv') is not null
                 and to_regclass('team_generation_members') is not null as ok`,
    );
    if (!has?.ok) return;
    const snapshot = async () => [
      await queryRows(t.db, sql.raw("select * from team_generation_stats order by 1, 2, 3")),
      await queryRows(t.db, sql.raw("select * from team_child_gv order by 1, 2")),
      await queryRows(t.db, sql.raw("select * from team_generation_members order by 1, 2")),
    ];
    const seededRollups = await snapshot();
    expect(seededRollups[0]!.length).toBeGreaterThan(0);
    await t.db.execute(sql`select team_rollup_rebuild_period(${seeded.periodId})`);
    await t.db.execute(sql`select team_rollup_rebuild_members()`);
    expect(await snapshot()).toEqual(seededRollups);
  });

  it("refuses a database that already has users", async () => {
    await expect(seedLargeCompany(t.db, { distributors: 10, orders: 10, now })).rejects.toThrow(/empty database/);
  });
});
