import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createTeamFixture, teamNow, type TeamFixture } from "@/tests/fixtures/team";
import { parseTeamQuery } from "@/lib/validation/team";
import { loadTeamContext, type TeamContext } from "./context";
import { countDownline, getDownlinePage, scanDownline, selectDownline, streamDownline } from "./downline";
import { topByGv } from "./top-gv";
import { countFromRollups, getGenerations, getGenerationsByWalk, teamSize } from "./generations";
import { getTeamHistory } from "./history";
import { getMemberCard } from "./member";
import { getDashboardSummary } from "./summary";
import { listChildren, revealMember, searchTeam } from "./tree";

let t: TestDatabase;
let f: TeamFixture;
let ctx: TeamContext;
const id = (i: number) => f.ids[i]!;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createTeamFixture(t.db);
  ctx = (await loadTeamContext(t.db, f.owner, teamNow))!;
});
afterAll(async () => {
  await t?.destroy();
});

async function ledgerTotal(periodId: number): Promise<number> {
  const [row] = await queryRows<{ n: string | null }>(
    t.db,
    sql`select sum(amount_cents) as n from commission_ledger where beneficiary_id = ${f.owner} and period_id = ${periodId}`,
  );
  return Number(row?.n ?? 0);
}

describe("the dashboard summary", () => {
  it("has the open period's volumes, rank, next rank, earnings and team counts", async () => {
    expect(ctx.period?.id).toBe(f.currentPeriodId);
    expect(ctx.previous?.id).toBe(f.previousPeriodId);
    const s = await getDashboardSummary(t.db, ctx);
    expect(s.pv).toBe(120);
    expect(s.gv).toBe(120 + 40 + 240 + 60);
    expect(s.active).toBe(true);
    expect(s.rank).toEqual({ position: 1, name: "Silver" });
    expect(s.nextRank).toBeNull();
    expect(s.earningsThisPeriodCents).toBe(await ledgerTotal(f.currentPeriodId));
    expect(s.earningsThisPeriodCents).toBeGreaterThan(0);
    expect(s.earningsLastPeriodCents).toBe(await ledgerTotal(f.previousPeriodId));
    expect(s.lastPeriod?.status).toBe("closed");
    expect(s.teamSize).toBe(4);
    expect(s.newMembersThisPeriod).toBe(1);
    expect(s.directRecruits).toBe(2);
  });

  it("shows the next rank's requirements to a member below it", async () => {
    const c2 = (await loadTeamContext(t.db, id(2), teamNow))!;
    const s = await getDashboardSummary(t.db, c2);
    expect(s.pv).toBe(40);
    expect(s.gv).toBe(40 + 240 + 60);
    expect(s.active).toBe(false);
    expect(s.rank).toEqual({ position: 0, name: "Member" });
    expect(s.nextRank).toEqual({ position: 1, name: "Silver", minPv: 50, minGv: 200 });
  });

  it("treats a distributor without a stats row as zero volume at the plan's zero rank, and without a team as empty", async () => {
    const c3 = (await loadTeamContext(t.db, id(3), teamNow))!;
    const s = await getDashboardSummary(t.db, c3);
    expect({ pv: s.pv, gv: s.gv, active: s.active, rank: s.rank?.name }).toEqual({ pv: 0, gv: 0, active: false, rank: "Member" });
    expect(s.teamSize).toBe(0);
    expect(await getGenerations(t.db, c3)).toEqual([]);
    expect((await getDownlinePage(t.db, c3, parseTeamQuery({}))).total).toBe(0);
  });
});

describe("history", () => {
  it("has earnings per period and level, and PV/GV per period", async () => {
    const h = await getTeamHistory(t.db, ctx);
    expect(h.earnings.map((e) => e.periodId)).toEqual([f.previousPeriodId, f.currentPeriodId]);
    expect(h.earnings.map((e) => e.pending)).toEqual([false, true]);
    for (const e of h.earnings) {
      expect(e.totalCents).toBe(await ledgerTotal(e.periodId));
      expect(Object.values(e.byLevel).reduce((a, b) => a + b, 0)).toBe(e.totalCents);
    }
    expect(h.levels.length).toBeGreaterThan(0);
    expect(h.volumes.map((v) => [v.pv, v.gv])).toEqual([
      [0, 120],
      [120, 460],
    ]);
  });
});

describe("generations", () => {
  it("counts members, active members and PV per generation, as deep as the downline goes", async () => {
    expect(await getGenerations(t.db, ctx)).toEqual([
      { generation: 1, members: 2, activeMembers: 0, pv: 40 },
      { generation: 2, members: 1, activeMembers: 1, pv: 240 },
      { generation: 3, members: 1, activeMembers: 1, pv: 60 },
    ]);
    expect(await teamSize(t.db, ctx.owner)).toBe(4);
  });

  it("answer from the rollups exactly as a walk over the downline does", async () => {
    for (const owner of [f.owner, id(0), id(2), id(6)]) {
      const c = (await loadTeamContext(t.db, owner, teamNow))!;
      expect(await getGenerations(t.db, c), `owner ${owner}`).toEqual(await getGenerationsByWalk(t.db, c));
      for (const filter of [
        {},
        { generation: 1 },
        { generation: 2 },
        { active: true },
        { active: false },
        { generation: 3, active: true },
        { generation: 9 },
      ]) {
        const walked = (await selectDownline(t.db, c, { ...filter, sort: "gv", dir: "desc" }, 1000, 0)).length;
        expect(await countFromRollups(t.db, c, filter), JSON.stringify(filter)).toBe(walked);
      }
      expect(await countFromRollups(t.db, c, { rank: 0 })).toBeNull();
      expect(await countFromRollups(t.db, c, { q: "x" })).toBeNull();
    }
  });
});

describe("the downline table", () => {
  const q = (params: Record<string, string>) => parseTeamQuery(params);

  it("lists only the downline, sorted by GV by default, with sponsors and standing", async () => {
    const page = await getDownlinePage(t.db, ctx, q({}));
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.id)).toEqual([id(2), id(4), id(5), id(3)]);
    const r2 = page.rows[0]!;
    expect(r2).toMatchObject({ name: "Member 2", generation: 1, sponsorId: f.owner, sponsorName: "Member 1", pv: 40, gv: 340, active: false, rank: 0 });
    const r3 = page.rows[3]!;
    expect(r3).toMatchObject({ pv: 0, gv: 0, active: false, rank: 0, generation: 1 });
    expect(page.rows.some((r) => r.id === id(7) || r.id === f.owner)).toBe(false);
  });

  it("sorts by every column both ways, ties by id", async () => {
    for (const sort of ["name", "generation", "joined", "rank", "pv", "gv"]) {
      for (const dir of ["asc", "desc"]) {
        const rows = await selectDownline(t.db, ctx, q({ sort, dir }), 100, 0);
        expect(rows).toHaveLength(4);
        const keyOf = (r: (typeof rows)[number]): number | string =>
          sort === "name"
            ? r.name
            : sort === "generation"
              ? r.generation
              : sort === "joined"
                ? r.joinedAt
                : sort === "rank"
                  ? (r.rank ?? -1)
                  : sort === "pv"
                    ? r.pv
                    : r.gv;
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [keyOf(rows[i - 1]!), keyOf(rows[i]!)];
          const ordered = dir === "asc" ? a < b || (a === b && rows[i - 1]!.id < rows[i]!.id) : a > b || (a === b && rows[i - 1]!.id > rows[i]!.id);
          expect(ordered, `${sort} ${dir} at ${i}`).toBe(true);
        }
      }
    }
  });

  it("filters by generation, activity, rank and name", async () => {
    const ids = async (params: Record<string, string>) => (await getDownlinePage(t.db, ctx, q(params))).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(await ids({ gen: "1" })).toEqual([id(2), id(3)]);
    expect(await ids({ gen: "3" })).toEqual([id(5)]);
    expect(await ids({ gen: "9" })).toEqual([]);
    expect(await ids({ active: "yes" })).toEqual([id(4), id(5)]);
    expect(await ids({ active: "no" })).toEqual([id(2), id(3)]);
    expect(await ids({ rank: "1" })).toEqual([id(4)]);
    expect(await ids({ rank: "0" })).toEqual([id(2), id(3), id(5)]);
    expect(await ids({ rank: "none" })).toEqual([]);
    expect(await ids({ q: "member 5" })).toEqual([id(5)]);
    expect(await ids({ q: "Member 7" })).toEqual([]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ gen: "1", active: "no", q: "3" })).toEqual([id(3)]);
    expect(await countDownline(t.db, ctx, { active: true })).toBe(2);
  });

  it("pages with a total, and shows the last page for a page past the end", async () => {
    const p2 = await getDownlinePage(t.db, ctx, q({ size: "10", page: "1" }));
    expect(p2.rows).toHaveLength(4);
    const far = await getDownlinePage(t.db, ctx, { ...q({}), size: 2, page: 99 });
    expect(far.page).toBe(2);
    expect(far.rows.map((r) => r.id)).toEqual([id(5), id(3)]);
  });
});

describe("authorization: the access rule is in the query", () => {
  it("finds a downline member's card, with the chain from the owner", async () => {
    const card = await getMemberCard(t.db, ctx, id(5));
    expect(card).toMatchObject({ id: id(5), generation: 3, sponsorId: id(4), pv: 60, active: true, teamSize: 0, directRecruits: 0 });
    expect(card?.chain.map((c) => c.id)).toEqual([id(2), id(4), id(5)]);
    expect((await getMemberCard(t.db, ctx, id(2)))?.teamSize).toBe(2);
  });

  it("does not find the owner, their upline, another team's member or an unknown id", async () => {
    for (const other of [f.owner, id(0), id(6), id(7), 999_999]) expect(await getMemberCard(t.db, ctx, other)).toBeNull();
  });

  it("lists children only of the owner and their downline", async () => {
    const [mine] = await listChildren(t.db, ctx, [f.owner]);
    expect(mine?.nodes.map((n) => n.id)).toEqual([id(2), id(3)]);
    expect(mine?.nodes[0]).toMatchObject({ childCount: 1, generation: 1 });
    expect(mine?.total).toBe(2);
    expect(await listChildren(t.db, ctx, [id(6)])).toEqual([]);
    expect(await listChildren(t.db, ctx, [id(0)])).toEqual([]);
    const both = await listChildren(t.db, ctx, [id(2), id(6), id(4)]);
    expect(both.map((c) => c.parentId).sort()).toEqual([id(2), id(4)].sort());
    const paged = await listChildren(t.db, ctx, [f.owner], { offset: 1, limit: 1 });
    expect(paged[0]?.nodes.map((n) => n.id)).toEqual([id(3)]);
  });

  it("searches and reveals only within the downline", async () => {
    expect((await searchTeam(t.db, ctx, "member")).map((h) => h.id).sort((a, b) => a - b)).toEqual([id(2), id(3), id(4), id(5)]);
    expect(await searchTeam(t.db, ctx, "Member 7")).toEqual([]);
    const reveal = await revealMember(t.db, ctx, id(5));
    expect(reveal?.chain).toEqual([id(2), id(4), id(5)]);
    expect(reveal?.levels.map((l) => l.parentId)).toEqual([f.owner, id(2), id(4)]);
    expect(reveal?.levels[2]?.nodes.map((n) => n.id)).toEqual([id(5)]);
    expect(await revealMember(t.db, ctx, id(7))).toBeNull();
    expect(await revealMember(t.db, ctx, f.owner)).toBeNull();
  });

  it("keeps paths right when a member moves: the old owner stops seeing them", async () => {
    await t.db.execute(sql`update distributors set sponsor_id = ${id(7)} where id = ${id(4)}`);
    try {
      const moved = (await loadTeamContext(t.db, f.owner, teamNow))!;
      expect(await getMemberCard(t.db, moved, id(5))).toBeNull();
      expect((await getGenerations(t.db, moved)).map((g) => g.members)).toEqual([2]);
      const outsider = (await loadTeamContext(t.db, id(6), teamNow))!;
      expect((await getMemberCard(t.db, outsider, id(5)))?.generation).toBe(3);
    } finally {
      await t.db.execute(sql`update distributors set sponsor_id = ${id(2)} where id = ${id(4)}`);
    }
  });
});

describe("the first pages by GV, walked best-first down the tree", () => {
  it("equal reading the whole downline, for any owner, filter and window", async () => {
    const t2 = await createTestDatabase();
    try {
      const { createCompany } = await import("@/tests/fixtures/company");
      const { placeDemoPaidOrder } = await import("@/lib/payments/demo");
      const { createRandom } = await import("@/db/seed/random");
      const random = createRandom(11);
      const sponsors: (number | null)[] = [null];
      for (let i = 1; i < 120; i++) sponsors.push(random.int(Math.max(0, i - 15), i - 1));
      const co = await createCompany(t2.db, sponsors);
      for (let k = 0; k < 70; k++) {
        await placeDemoPaidOrder(t2.db, {
          sellerId: co.ids[random.int(1, co.ids.length - 1)]!,
          kind: "personal",
          // Equal baskets make equal GVs: ties must break by id.
          items: [{ productId: co.productIds[random.int(0, 1)]!, quantity: 1 }],
          idempotencyKey: `top-${k}`,
          at: teamNow,
        });
      }
      await (await import("@/lib/ledger/rollups")).applyTeamRollups(t2.db);
      let walked = 0;
      for (const owner of [co.ids[0]!, co.ids[1]!, co.ids[3]!, co.ids[10]!]) {
        const c = (await loadTeamContext(t2.db, owner, teamNow))!;
        for (const filter of [{}, { generation: 2 }, { active: true }, { active: false }, { rank: 0 }, { rank: 1 }, { rank: "none" as const }]) {
          for (const [limit, offset] of [
            [5, 0],
            [10, 10],
            [25, 0],
            [3, 40],
          ] as const) {
            const query = { ...filter, sort: "gv" as const, dir: "desc" as const };
            const label = `owner ${owner} ${JSON.stringify(filter)} ${limit}@${offset}`;
            expect(await selectDownline(t2.db, c, query, limit, offset), label).toEqual(await scanDownline(t2.db, c, query, limit, offset));
            if ((await topByGv(t2.db, c, query, limit + offset)) !== null) walked++;
          }
        }
      }
      // The tree's children come in the same order, page by page, across the members without GV too.
      for (const owner of [co.ids[0]!, co.ids[1]!, co.ids[2]!]) {
        const c = (await loadTeamContext(t2.db, owner, teamNow))!;
        const expected = (await scanDownline(t2.db, c, { generation: 1, sort: "gv", dir: "desc" }, 1000, 0)).map((r) => r.id);
        const paged: number[] = [];
        for (let offset = 0; offset < expected.length; offset += 3) {
          const [level] = await listChildren(t2.db, c, [owner], { offset, limit: 3 });
          expect(level?.total).toBe(expected.length);
          paged.push(...(level?.nodes.map((n) => n.id) ?? []));
        }
        expect(paged, `children of ${owner}`).toEqual(expected);
      }
      // The walk answered most of them (the rest fell back: too few members with GV).
      expect(walked).toBeGreaterThan(20);
      // The export's keyset chunks (equal keys straddling chunks: ties by id) read the same rows as one scan.
      const c0 = (await loadTeamContext(t2.db, co.ids[0]!, teamNow))!;
      for (const sort of ["name", "generation", "joined", "rank", "pv", "gv"] as const) {
        for (const dir of ["asc", "desc"] as const) {
          const query = { sort, dir };
          const whole = await scanDownline(t2.db, c0, query, 10_000, 0);
          const streamed: number[] = [];
          for await (const chunk of streamDownline(t2.db, c0, query, 10_000, 7)) streamed.push(...chunk.map((r) => r.id));
          expect(streamed, `${sort} ${dir}`).toEqual(whole.map((r) => r.id));
          const capped: number[] = [];
          for await (const chunk of streamDownline(t2.db, c0, { ...query, active: false }, 20, 7)) capped.push(...chunk.map((r) => r.id));
          expect(capped, `${sort} ${dir}, at most 20`).toEqual((await scanDownline(t2.db, c0, { ...query, active: false }, 20, 0)).map((r) => r.id));
        }
      }
    } finally {
      await t2.destroy();
    }
  });
});

describe("a plan where zero PV is already active", () => {
  it("counts members without a stats row as active (the rollups cannot, so the walk answers)", async () => {
    const t2 = await createTestDatabase();
    try {
      const { createCompany, smallPlan } = await import("@/tests/fixtures/company");
      const co = await createCompany(t2.db, [null, 0, 1, 1], { ...smallPlan, activeMinPv: 0 });
      const c = (await loadTeamContext(t2.db, co.ids[0]!, teamNow))!;
      expect(await getGenerations(t2.db, c)).toEqual([
        { generation: 1, members: 1, activeMembers: 1, pv: 0 },
        { generation: 2, members: 2, activeMembers: 2, pv: 0 },
      ]);
      expect(await countFromRollups(t2.db, c, { active: true })).toBeNull();
      expect(await countDownline(t2.db, c, { active: true })).toBe(3);
    } finally {
      await t2.destroy();
    }
  });
});

describe("a company without periods", () => {
  it("shows zeros rather than failing", async () => {
    const t2 = await createTestDatabase();
    try {
      const { createCompany } = await import("@/tests/fixtures/company");
      const co = await createCompany(t2.db, [null, 0, 1]);
      const c = (await loadTeamContext(t2.db, co.ids[0]!, teamNow))!;
      expect(c.period).toBeNull();
      const s = await getDashboardSummary(t2.db, c);
      expect(s).toMatchObject({ pv: 0, gv: 0, earningsThisPeriodCents: 0, teamSize: 2, period: null, rank: { name: "Member" } });
      expect((await getTeamHistory(t2.db, c)).earnings).toEqual([]);
      expect((await getGenerations(t2.db, c)).map((g) => g.members)).toEqual([1, 1]);
      expect(await loadTeamContext(t2.db, 999_999, teamNow)).toBeNull();
    } finally {
      await t2.destroy();
    }
  });
});
