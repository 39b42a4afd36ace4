import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { distributors } from "@/db/schema";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { auditEntries, createAdmin, tableFingerprint } from "@/tests/admin-fixtures";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { listDistributors, moveDistributor, ownTeamMessage, reactivateDistributor, terminateDistributor } from "./distributors";
import { CHECK_VIOLATION, sqlMessage, sqlState } from "./errors";

let t: TestDatabase;
let co: TestCompany;
let admin: number;
let key = 0;

// 0 <- 1 <- 2 <- 3 <- 4, 1 <- 5 <- 6, 0 <- 7 <- 8
const sponsors = [null, 0, 1, 2, 3, 1, 5, 0, 7];
const at = new Date("2026-11-15T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, sponsors);
  admin = await createAdmin(t.db);
  for (let i = 0; i < sponsors.length; i++) {
    await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[i]!,
      kind: i % 3 === 0 ? "retail" : "personal",
      items: [{ productId: co.productIds[i % 3]!, quantity: 1 + (i % 2) }],
      idempotencyKey: `k${++key}`,
      at,
      customer: { name: "C", email: "c@x.test" },
    });
  }
});
afterAll(async () => {
  await t?.destroy();
});

async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences, r.startsOn).toEqual([]);
}

/** Every path and depth as the sponsor chain says they should be, and the per-generation rollups to match. */
async function expectPathsRight() {
  const rollups = await queryRows<{ id: number; by_path: number; rollup: number }>(
    t.db,
    sql`select d.id, (select count(*)::int from distributors t where t.path like d.path || '.%') as by_path,
          (select coalesce(sum(members), 0)::int from team_generation_members g where g.ancestor_id = d.id) as rollup
        from distributors d`,
  );
  for (const r of rollups) expect(r.rollup, `team of ${r.id}`).toBe(r.by_path);
  const rows = await t.db
    .select({ id: distributors.id, sponsorId: distributors.sponsorId, path: distributors.path, depth: distributors.depth })
    .from(distributors);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    const chain: number[] = [];
    for (let c: typeof r | undefined = r; c; c = c.sponsorId === null ? undefined : byId.get(c.sponsorId)) chain.unshift(c.id);
    expect(r.path, `distributor ${r.id}`).toBe(chain.join("."));
    expect(r.depth).toBe(chain.length - 1);
  }
}

const linesOf = async (id: number) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from commission_ledger where beneficiary_id = ${id} and kind = 'commission'`))[0]!.n;

describe("admin distributor changes", () => {
  it("terminates: no commissions from then on in the open period, audited, recomputed", async () => {
    const id = co.ids[1]!;
    expect(await linesOf(id)).toBeGreaterThan(0);
    const result = await terminateDistributor(t.db, admin, id);
    expect(result.recomputed).toBe(true);
    expect(await linesOf(id)).toBe(0);
    await expectReconciled();
    await expect(terminateDistributor(t.db, admin, id)).rejects.toThrow(/already terminated/);
    await reactivateDistributor(t.db, admin, id);
    expect(await linesOf(id)).toBeGreaterThan(0);
    await expectReconciled();
    expect((await auditEntries(t.db)).map((e) => [e.action, e.before, e.after])).toEqual([
      ["distributor.terminate", { status: "active" }, { status: "terminated" }],
      ["distributor.reactivate", { status: "terminated" }, { status: "active" }],
    ]);
  });

  it("never terminates or moves the root", async () => {
    await expect(terminateDistributor(t.db, admin, co.ids[0]!)).rejects.toThrow(/root account/);
    await expect(moveDistributor(t.db, admin, co.ids[0]!, "member-7")).rejects.toThrow(/root account/);
  });

  it("moves a whole team; the downline paths follow and the ledger equals a full run", async () => {
    await moveDistributor(t.db, admin, co.ids[2]!, "MEMBER-8");
    const [moved] = await t.db.select().from(distributors).where(eq(distributors.id, co.ids[4]!));
    expect(moved!.path).toBe([0, 7, 8, 2, 3, 4].map((i) => co.ids[i]).join("."));
    await expectPathsRight();
    await expectReconciled();
    const [entry] = (await auditEntries(t.db, "distributor.move")).slice(-1);
    expect(entry).toMatchObject({ entityId: String(co.ids[2]), before: { sponsorId: co.ids[1] }, after: { sponsorId: co.ids[8], sponsorCode: "member-8" } });
  });

  it("refuses a sponsor inside the moved team (and unknown ones), changing nothing", async () => {
    const before = await tableFingerprint(t.db);
    await expect(moveDistributor(t.db, admin, co.ids[2]!, `#${co.ids[4]}`)).rejects.toMatchObject({ message: ownTeamMessage, field: "sponsor" });
    await expect(moveDistributor(t.db, admin, co.ids[2]!, "member-2")).rejects.toThrow(ownTeamMessage);
    await expect(moveDistributor(t.db, admin, co.ids[2]!, "nobody")).rejects.toThrow(/No distributor/);
    expect(await tableFingerprint(t.db)).toEqual(before);
  });

  it("the database trigger refuses the same move, with an error the action recognises", async () => {
    const error = await t.db
      .transaction((tx) => tx.update(distributors).set({ sponsorId: co.ids[4]! }).where(eq(distributors.id, co.ids[2]!)))
      .catch((e: unknown) => e);
    expect(sqlState(error)).toBe(CHECK_VIOLATION);
    expect(sqlMessage(error)).toMatch(/own downline/);
  });

  it("lists by name, email, code, #id, status and rank", async () => {
    const q = (query: Parameters<typeof listDistributors>[1]) => listDistributors(t.db, query).then((r) => r.rows.map((d) => d.code).sort());
    expect(await q({ q: "Member 5", status: "any", page: 1 })).toEqual(["member-5"]);
    expect(await q({ q: "member6@test", status: "any", page: 1 })).toEqual(["member-6"]);
    expect(await q({ q: "MEMBER-7", status: "any", page: 1 })).toEqual(["member-7"]);
    expect(await q({ q: `#${co.ids[3]}`, status: "any", page: 1 })).toEqual(["member-3"]);
    await terminateDistributor(t.db, admin, co.ids[6]!);
    expect(await q({ status: "terminated", page: 1 })).toEqual(["member-6"]);
    const all = await listDistributors(t.db, { status: "any", page: 1 });
    expect(all.total).toBe(sponsors.length);
    expect(all.ranks.map((r) => r.name)).toEqual(["Member", "Silver"]);
    const silver = all.rows
      .filter((r) => r.rank === "Silver")
      .map((r) => r.code)
      .sort();
    expect(await q({ status: "any", rank: 1, page: 1 })).toEqual(silver);
    const moved = all.rows.find((r) => r.code === "member-2")!;
    expect(moved).toMatchObject({ sponsor: { code: "member-8" }, teamSize: 2, depth: 3 });
  });

  it("sorts by each whitelisted key both ways, ties by id", async () => {
    const codes = (rows: { code: string }[]) => rows.map((r) => r.code);
    const byName = await listDistributors(t.db, { status: "any", page: 1 });
    expect(codes((await listDistributors(t.db, { status: "any", sort: "name", dir: "desc", page: 1 })).rows)).toEqual(codes(byName.rows).reverse());
    const gvDesc = (await listDistributors(t.db, { status: "any", sort: "gv", dir: "desc", page: 1 })).rows;
    expect(gvDesc.map((r) => r.gv)).toEqual([...gvDesc.map((r) => r.gv)].sort((a, b) => b - a));
    const gvAsc = (await listDistributors(t.db, { status: "any", sort: "gv", dir: "asc", page: 1 })).rows;
    expect(gvAsc.map((r) => r.gv)).toEqual([...gvAsc.map((r) => r.gv)].sort((a, b) => a - b));
    const byCode = (await listDistributors(t.db, { status: "any", sort: "code", dir: "asc", page: 1 })).rows;
    expect(codes(byCode)).toEqual([...codes(byCode)].sort());
    // Rank: the highest first, the unranked last.
    const byRank = (await listDistributors(t.db, { status: "any", sort: "rank", dir: "desc", page: 1 })).rows.map((r) => r.rank);
    expect(byRank.indexOf(null) === -1 || byRank.slice(byRank.indexOf(null)).every((r) => r === null)).toBe(true);
  });
});
