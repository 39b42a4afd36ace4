import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distributors, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

async function addDistributor(name: string, sponsorId: number | null): Promise<number> {
  const [user] = await t.db
    .insert(users)
    .values({ email: `${name}@tree.test`, name, passwordHash: "x" })
    .returning({ id: users.id });
  const [row] = await t.db
    .insert(distributors)
    .values({ userId: user!.id, sponsorId, referralCode: `${name}-code` })
    .returning({ id: distributors.id });
  return row!.id;
}

async function pathsById() {
  const rows = await t.db.select({ id: distributors.id, path: distributors.path, depth: distributors.depth }).from(distributors).orderBy(asc(distributors.id));
  return new Map(rows.map((r) => [r.id, { path: r.path, depth: r.depth }]));
}

describe("the sponsor tree's materialised path", () => {
  let root: number, a: number, b: number, c: number, d: number;

  it("is derived from the sponsor on insert", async () => {
    root = await addDistributor("root", null);
    a = await addDistributor("aaa", root);
    b = await addDistributor("bbb", a);
    c = await addDistributor("ccc", b);
    d = await addDistributor("ddd", root);
    const p = await pathsById();
    expect(p.get(root)).toEqual({ path: `${root}`, depth: 0 });
    expect(p.get(c)).toEqual({ path: `${root}.${a}.${b}.${c}`, depth: 3 });
    expect(p.get(d)).toEqual({ path: `${root}.${d}`, depth: 1 });
  });

  it("finds a downline by path prefix, generation by depth", async () => {
    const [me] = await t.db.select().from(distributors).where(eq(distributors.id, a));
    const downline = await t.db
      .select({ id: distributors.id, generation: sql<number>`${distributors.depth} - ${me!.depth}` })
      .from(distributors)
      .where(sql`${distributors.path} like ${me!.path + ".%"}`)
      .orderBy(asc(distributors.id));
    expect(downline).toEqual([
      { id: b, generation: 1 },
      { id: c, generation: 2 },
    ]);
  });

  it("moves a whole subtree when a sponsor changes", async () => {
    await t.db.update(distributors).set({ sponsorId: d }).where(eq(distributors.id, b));
    const p = await pathsById();
    expect(p.get(b)).toEqual({ path: `${root}.${d}.${b}`, depth: 2 });
    expect(p.get(c)).toEqual({ path: `${root}.${d}.${b}.${c}`, depth: 3 });
    expect(p.get(a)).toEqual({ path: `${root}.${a}`, depth: 1 });
  });

  it("refuses to move a distributor under their own downline, changing nothing", async () => {
    const before = await pathsById();
    await expect(t.db.update(distributors).set({ sponsorId: c }).where(eq(distributors.id, d))).rejects.toThrow();
    await expect(t.db.update(distributors).set({ sponsorId: d }).where(eq(distributors.id, d))).rejects.toThrow();
    expect(await pathsById()).toEqual(before);
  });

  it("refuses an unknown sponsor", async () => {
    await expect(addDistributor("orphan", 999_999)).rejects.toThrow();
  });
});

describe("users", () => {
  it("keeps emails unique whatever their case", async () => {
    await t.db.insert(users).values({ email: "Case@Example.com", name: "One", passwordHash: "x" });
    await expect(t.db.insert(users).values({ email: "case@example.COM", name: "Two", passwordHash: "x" })).rejects.toThrow();
  });

  it("keeps referral codes unique whatever their case and well formed", async () => {
    const a = await addDistributor("code-a", null);
    expect(a).toBeGreaterThan(0);
    await expect(addDistributor("CODE-A", null)).rejects.toThrow();
    const [user] = await t.db.insert(users).values({ email: "bad@tree.test", name: "Bad", passwordHash: "x" }).returning();
    await expect(t.db.insert(distributors).values({ userId: user!.id, sponsorId: null, referralCode: "<script>" })).rejects.toThrow();
  });
});
