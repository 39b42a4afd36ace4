import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { agreementVersion } from "@/lib/agreement";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createDistributorAccount } from "./accounts";
import { seedTestTree, treeRows, type TestTree } from "./fixtures.test-helper";
import { monthlyLinkStats } from "./stats";

let t: TestDatabase;
let tree: TestTree;
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await seedTestTree(t.db);
});
afterAll(async () => {
  if (t?.driver === "postgres") {
    // tests/db.ts drops the database WITH (FORCE) as soon as pool.end() resolves,
    // which is before the pool's idle connections have closed. With the ten this
    // test opens, PostgreSQL's "terminating connection" (57P01) sometimes reaches
    // one of them, and the pool re-emits it as an unhandled 'error'. It is teardown
    // noise, not a test failure. (The lasting fix belongs in tests/db.ts.)
    const pool = (t.db as unknown as { $client: { on(event: "error", listener: () => void): void } }).$client;
    pool.on("error", () => {});
  }
  await t?.destroy();
});

describe(`50 simultaneous signups under one sponsor (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite, serialised"})`, () => {
  it("all land, with unique codes, and the tree stays a tree", async () => {
    const n = 50;
    const at = new Date("2026-11-15T12:00:00Z");
    // One name for all: every signup draws its code from the same slug, so suffixes really compete.
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        createDistributorAccount(t.db, {
          name: "Prospect Parallel",
          email: `parallel-${i}@example.test`,
          passwordHash: "h",
          country: "US",
          sponsorId: tree.sponsor,
          enrolledVia: "link",
          agreementVersion,
          acceptedAt: at,
          // A tiny suffix space (3 letters from 4: 64 codes for 50 people) forces collisions and retries.
          randomInt: (k) => Math.floor(Math.random() * Math.min(k, 4)),
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);

    const rows = await treeRows(t.db);
    const joined = rows.filter((r) => r.sponsorId === tree.sponsor && r.id !== tree.terminated);
    expect(joined).toHaveLength(n);

    const codes = rows.map((r) => r.code.toLowerCase());
    expect(new Set(codes).size).toBe(codes.length);

    // One root; every other node's path is its sponsor's path plus its id, its
    // depth one more: that rules out cycles and orphans.
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows.filter((r) => r.sponsorId === null).map((r) => r.id)).toEqual([tree.root]);
    for (const r of rows) {
      if (r.sponsorId === null) {
        expect(r).toMatchObject({ path: String(r.id), depth: 0 });
        continue;
      }
      const sponsor = byId.get(r.sponsorId);
      expect(sponsor).toBeDefined();
      expect(r.path).toBe(`${sponsor!.path}.${r.id}`);
      expect(r.depth).toBe(sponsor!.depth + 1);
    }
    // The same, walked by the database: every node reaches the root.
    const [walk] = await queryRows<{ reached: number; total: number }>(
      t.db,
      sql`with recursive up as (
            select id from distributors where sponsor_id is null
            union all
            select d.id from distributors d join up on d.sponsor_id = up.id)
          select (select count(*)::int from up) as reached, (select count(*)::int from distributors) as total`,
    );
    expect(walk!.reached).toBe(walk!.total);

    expect((await monthlyLinkStats(t.db, tree.sponsor, at)).signups).toBe(n);
  });
});
