import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createRandom } from "@/db/seed/random";
import { recomputePeriod } from "@/lib/ledger/full-run";
import { applyTeamRollups, backgroundRollupsSettled, settleTeamRollups } from "@/lib/ledger/rollups";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { refundOrder } from "@/lib/orders/refund";
import { loadTeamContext } from "@/lib/team/context";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany } from "@/tests/fixtures/company";
import { createTeamFixture, teamNow, type TeamFixture } from "@/tests/fixtures/team";

// The rollup tables must always equal what a walk over the tree computes.

let t: TestDatabase;
let f: TeamFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createTeamFixture(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

type Row = Record<string, number>;
const norm = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));

async function membersRollup(): Promise<Row[]> {
  return norm(await queryRows<Row>(t.db, sql`select ancestor_id, generation, members from team_generation_members order by 1, 2`));
}
async function membersWalk(): Promise<Row[]> {
  return norm(
    await queryRows<Row>(
      t.db,
      sql`select a.id as ancestor_id, d.depth - a.depth as generation, count(*)::int as members
          from distributors a join distributors d on d.path like a.path || '.%'
          group by 1, 2 order by 1, 2`,
    ),
  );
}
async function statsRollup(): Promise<Row[]> {
  return norm(
    await queryRows<Row>(
      t.db,
      sql`select period_id, ancestor_id, generation, active_members, pv from team_generation_stats
          where active_members <> 0 or pv <> 0 order by 1, 2, 3`,
    ),
  );
}
async function statsWalk(): Promise<Row[]> {
  return norm(
    await queryRows<Row>(
      t.db,
      sql`select s.period_id, a.id as ancestor_id, d.depth - a.depth as generation,
                 (count(*) filter (where s.active))::int as active_members, sum(s.pv) as pv
          from distributor_period_stats s
          join distributors d on d.id = s.distributor_id
          join distributors a on d.path like a.path || '.%'
          group by 1, 2, 3
          having count(*) filter (where s.active) <> 0 or sum(s.pv) <> 0
          order by 1, 2, 3`,
    ),
  );
}
async function mirror(): Promise<Row[]> {
  return norm(
    await queryRows<Row>(
      t.db,
      sql`select period_id, distributor_id, sponsor_id, gv, active::int as active, coalesce(rank_position, -1) as rank from team_child_gv order by 1, 2`,
    ),
  );
}
async function mirrorWalk(): Promise<Row[]> {
  return norm(
    await queryRows<Row>(
      t.db,
      sql`select s.period_id, s.distributor_id, d.sponsor_id, s.gv, s.active::int as active, coalesce(s.rank_position, -1) as rank
          from distributor_period_stats s join distributors d on d.id = s.distributor_id
          where s.gv > 0 and d.sponsor_id is not null order by 1, 2`,
    ),
  );
}
async function expectExact(label: string) {
  // Statements queue their changes; the writes apply the queue (pages only read).
  await applyTeamRollups(t.db);
  expect(await membersRollup(), `${label}: members`).toEqual(await membersWalk());
  expect(await statsRollup(), `${label}: stats`).toEqual(await statsWalk());
  expect(await mirror(), `${label}: children by GV`).toEqual(await mirrorWalk());
}

describe("per-generation rollups", () => {
  it("match a walk after signups, orders and a closed period", async () => {
    await expectExact("fixture");
    expect((await membersRollup()).length).toBeGreaterThan(0);
    expect((await statsRollup()).length).toBeGreaterThan(0);
  });

  it("follow a refund, a full rewrite of the period, and a subtree move (and back)", async () => {
    const [order] = await queryRows<{ id: number }>(t.db, sql`select id from orders where seller_id = ${f.ids[5]!} and status = 'paid' limit 1`);
    await refundOrder(t.db, order!.id, { reason: "test", at: teamNow });
    await expectExact("refund");
    await recomputePeriod(t.db, f.currentPeriodId);
    await expectExact("full rewrite");
    await t.db.execute(sql`update distributors set sponsor_id = ${f.ids[7]!} where id = ${f.ids[2]!}`);
    await expectExact("move");
    await t.db.execute(sql`update distributors set sponsor_id = ${f.owner} where id = ${f.ids[2]!}`);
    await expectExact("move back");
  });

  it("wait in a queue that the team pages leave alone (a render never writes) and a write's apply folds in", async () => {
    await backgroundRollupsSettled(t.db);
    await t.db.execute(sql`update distributor_period_stats set pv = pv + 7 where period_id = ${f.currentPeriodId} and distributor_id = ${f.ids[4]!}`);
    const queued = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from team_rollup_queue`))[0]!.n;
    expect(await queued()).toBe(1);
    expect(await statsRollup()).not.toEqual(await statsWalk());
    await loadTeamContext(t.db, f.owner, teamNow);
    expect(await queued()).toBe(1);
    await settleTeamRollups(t.db);
    expect(await queued()).toBe(0);
    expect(await statsRollup()).toEqual(await statsWalk());
    await t.db.execute(sql`update distributor_period_stats set pv = pv - 7 where period_id = ${f.currentPeriodId} and distributor_id = ${f.ids[4]!}`);
    await expectExact("undo");
  });

  it("apply a change queued without values (by the trigger before migration 0013) from the volumes", async () => {
    await backgroundRollupsSettled(t.db);
    const seller = f.ids[4]!;
    const [row] = await queryRows<{ sponsor: number }>(t.db, sql`select sponsor_id as sponsor from distributors where id = ${seller}`);
    const sponsor = row!.sponsor;
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local lineage.team_rollup = 'deferred'`);
      await tx.execute(sql`update distributor_period_stats set pv = pv + 7, gv = gv + 7 where period_id = ${f.currentPeriodId} and distributor_id = ${seller}`);
      await tx.execute(sql`update distributor_period_stats set gv = gv + 7 where period_id = ${f.currentPeriodId} and distributor_id = ${sponsor}`);
      // As the old trigger queued it: deltas only.
      await tx.execute(sql`insert into team_rollup_queue (period_ids, distributor_ids, pv, active)
        values (array[${f.currentPeriodId}, ${f.currentPeriodId}]::int[], array[${seller}, ${sponsor}]::int[], array[7, 0]::bigint[], array[0, 0]::int[])`);
    });
    await expectExact("queued without values");
    await t.db.execute(sql`update distributor_period_stats set pv = pv - 7, gv = gv - 7 where period_id = ${f.currentPeriodId} and distributor_id = ${seller}`);
    await t.db.execute(sql`update distributor_period_stats set gv = gv - 7 where period_id = ${f.currentPeriodId} and distributor_id = ${sponsor}`);
    await expectExact("undo");
  });

  it("can be deferred during a bulk rewrite and rebuilt once", async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local lineage.team_rollup = 'deferred'`);
      await tx.execute(sql`update distributor_period_stats set pv = pv + 1000 where period_id = ${f.currentPeriodId}`);
      await tx.execute(sql`select team_rollup_rebuild_period(${f.currentPeriodId})`);
    });
    await expectExact("deferred + rebuild");
    await t.db.execute(sql`update distributor_period_stats set pv = pv - 1000 where period_id = ${f.currentPeriodId}`);
    await expectExact("undo");
  });
});

describe("rollups under random signups, orders, refunds and moves", () => {
  it("stay exact after every step", async () => {
    const u = await createTestDatabase();
    const saved = t;
    t = u;
    try {
      const random = createRandom(7);
      const sponsors: (number | null)[] = [null];
      for (let i = 1; i < 40; i++) sponsors.push(random.int(Math.max(0, i - 8), i - 1));
      const co = await createCompany(u.db, sponsors);
      const placed: number[] = [];
      const done = { orders: 0, refunds: 0, moves: 0, joins: 0 };
      let n = 0;
      for (let step = 0; step < 40; step++) {
        const roll = random.next();
        if (roll < 0.5) {
          const r = await placeDemoPaidOrder(u.db, {
            sellerId: co.ids[random.int(0, co.ids.length - 1)]!,
            kind: random.chance(0.3) ? "retail" : "personal",
            items: [{ productId: co.productIds[random.int(0, 2)]!, quantity: random.int(1, 3) }],
            idempotencyKey: `rollup-${++n}`,
            customer: { name: "C", email: "c@example.net" },
            at: teamNow,
          });
          placed.push(r.orderId);
          done.orders++;
        } else if (roll < 0.65 && placed.length > 0) {
          await refundOrder(u.db, placed.splice(random.int(0, placed.length - 1), 1)[0]!, { reason: "test", at: teamNow });
          done.refunds++;
        } else if (roll < 0.85) {
          // Move someone (not the root) under anyone outside their own subtree.
          const who = co.ids[random.int(1, co.ids.length - 1)]!;
          const [target] = await queryRows<{ id: number }>(
            u.db,
            sql`select t.id from distributors t, distributors w
                where w.id = ${who} and t.id <> w.id and t.path not like w.path || '.%' and t.id <> coalesce(w.sponsor_id, 0)
                order by t.id limit 1 offset ${random.int(0, 5)}`,
          );
          if (target) {
            await u.db.execute(sql`update distributors set sponsor_id = ${target.id} where id = ${who}`);
            done.moves++;
          }
        } else {
          const [u1] = await queryRows<{ id: number }>(
            u.db,
            sql`insert into users (email, name, password_hash) values (${`late${step}@test.example`}, 'Late', 'x') returning id`,
          );
          await u.db.execute(
            sql`insert into distributors (user_id, sponsor_id, referral_code) values (${u1!.id}, ${co.ids[random.int(0, co.ids.length - 1)]!}, ${`late-${step}`})`,
          );
          done.joins++;
        }
        await expectExact(`step ${step}`);
      }
      for (const [what, count] of Object.entries(done)) expect(count, what).toBeGreaterThan(2);
    } finally {
      t = saved;
      await u.destroy();
    }
  });
});
