import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralCodeAliases, distributors } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { changeReferralCode, resolveReferralCode } from "./codes";
import { seedTestTree, type TestTree } from "./fixtures.test-helper";

let t: TestDatabase;
let tree: TestTree;
const now = new Date("2026-11-15T12:00:00Z");
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await seedTestTree(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

async function codeOf(id: number) {
  const [row] = await t.db.select({ code: distributors.referralCode }).from(distributors).where(eq(distributors.id, id));
  return row!.code;
}

describe("resolveReferralCode", () => {
  it("finds a current code, whatever its case or surrounding spaces", async () => {
    for (const raw of ["ana-sponsor", "Ana-Sponsor", " ANA-SPONSOR "]) {
      expect(await resolveReferralCode(t.db, raw, now)).toEqual({
        kind: "current",
        sponsor: { distributorId: tree.sponsor, code: "ana-sponsor", name: "Ana Sponsor" },
      });
    }
  });

  it.each([
    ["unknown", "nobody-here"],
    ["malformed", "ana sponsor"],
    ["malformed (markup)", "<script>alert(1)</script>"],
    ["malformed (path)", "../ana-sponsor"],
    ["too short", "ab"],
    ["over-long", "a".repeat(33)],
    ["very long", "ana-sponsor".repeat(1000)],
    ["empty", ""],
    ["terminated distributor's", "gone-member"],
  ])("answers invalid for a %s code", async (_label, raw) => {
    expect(await resolveReferralCode(t.db, raw, now)).toEqual({ kind: "invalid" });
  });

  it("answers invalid for null and undefined", async () => {
    expect(await resolveReferralCode(t.db, null, now)).toEqual({ kind: "invalid" });
    expect(await resolveReferralCode(t.db, undefined, now)).toEqual({ kind: "invalid" });
  });
});

describe("changeReferralCode", () => {
  it("changes the code and keeps the old one as an alias that resolves to the new", async () => {
    expect(await changeReferralCode(t.db, tree.sponsor, "  Ana-Grows ", now)).toMatchObject({
      ok: true,
      code: "ana-grows",
      changed: true,
      allowance: { remaining: 2 },
    });
    expect(await codeOf(tree.sponsor)).toBe("ana-grows");
    expect(await resolveReferralCode(t.db, "ana-sponsor", now)).toEqual({
      kind: "alias",
      sponsor: { distributorId: tree.sponsor, code: "ana-grows", name: "Ana Sponsor" },
    });
    expect((await resolveReferralCode(t.db, "ana-grows", now)).kind).toBe("current");
  });

  it("follows several changes straight to the current code", async () => {
    expect((await changeReferralCode(t.db, tree.sponsor, "ana-third", now)).ok).toBe(true);
    for (const old of ["ana-sponsor", "ana-grows"]) {
      const resolved = await resolveReferralCode(t.db, old, now);
      expect(resolved.kind === "alias" && resolved.sponsor.code).toBe("ana-third");
    }
  });

  it("refuses another distributor's current code, any case", async () => {
    expect(await changeReferralCode(t.db, tree.other, "ANA-THIRD", now)).toEqual({ ok: false, reason: "taken" });
    expect(await codeOf(tree.other)).toBe("otto-other");
  });

  it("keeps retired codes reserved for their owner", async () => {
    expect(await changeReferralCode(t.db, tree.other, "ana-sponsor", now)).toEqual({ ok: false, reason: "taken" });
    expect(await changeReferralCode(t.db, tree.other, "house", now)).toEqual({ ok: false, reason: "taken" });
    expect(await codeOf(tree.other)).toBe("otto-other");
  });

  it("refuses reserved words and a terminated distributor's code", async () => {
    expect(await changeReferralCode(t.db, tree.other, "support", now)).toEqual({ ok: false, reason: "reserved", word: "support" });
    expect(await changeReferralCode(t.db, tree.other, "gone-member", now)).toEqual({ ok: false, reason: "taken" });
  });

  it("lets the owner take back one of their own retired codes", async () => {
    expect(await changeReferralCode(t.db, tree.sponsor, "ana-sponsor", now)).toMatchObject({
      ok: true,
      code: "ana-sponsor",
      changed: true,
      allowance: { remaining: 0 },
    });
    expect((await resolveReferralCode(t.db, "ana-sponsor", now)).kind).toBe("current");
    // The code given up in the same move is now an alias; the taken-back one is not.
    const aliases = await t.db
      .select({ code: referralCodeAliases.code })
      .from(referralCodeAliases)
      .where(eq(referralCodeAliases.distributorId, tree.sponsor))
      .orderBy(referralCodeAliases.code);
    expect(aliases.map((a) => a.code)).toEqual(["ana-grows", "ana-third"]);
  });

  it("accepts the current code as a no-op", async () => {
    expect(await changeReferralCode(t.db, tree.sponsor, "ana-sponsor", now)).toMatchObject({ ok: true, code: "ana-sponsor", changed: false });
  });

  it.each(["ab", "-ana", "ana-", "ana sponsor", "ana_sponsor", "a".repeat(33), "ünïcode"])("refuses the malformed code %j", async (raw) => {
    expect(await changeReferralCode(t.db, tree.other, raw, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not let a terminated distributor change their code", async () => {
    expect(await changeReferralCode(t.db, tree.terminated, "back-again", now)).toEqual({ ok: false, reason: "not-found" });
  });

  it("never leaves two distributors with one code", async () => {
    const dupes = await t.db
      .select({ code: sql<string>`lower(${distributors.referralCode})` })
      .from(distributors)
      .groupBy(sql`lower(${distributors.referralCode})`)
      .having(sql`count(*) > 1`);
    expect(dupes).toEqual([]);
  });
});
