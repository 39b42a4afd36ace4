// Issue 16, point 8 (referral code squatting), reproduced as the review found
// it and checked fixed: a distributor changed their code 16 times in a row,
// taking `ceo`, `verdant` (the company's brand) and `login`, and every old code
// stayed theirs for ever. Through the server actions and reads the pages use,
// with the clock moved by hand.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { company, distributors, referralCodeAliases, referralCodeChanges } from "@/db/schema";
import { agreementVersion } from "@/lib/agreement";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createDistributorAccount } from "./accounts";
import { changeReferralCode as changeCode, resolveAttribution, resolveReferralCode } from "./codes";
import { seedTestTree, type TestTree } from "./fixtures.test-helper";

const state = vi.hoisted(() => ({
  db: null as Database | null,
  userId: null as number | null,
  now: new Date("2026-11-14T10:00:00Z"),
}));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.userId === null ? null : { user: { id: String(state.userId), sv: 1 } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date(state.now) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/server", () => ({ connection: async () => {}, after: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { changeReferralCode } = await import("@/lib/actions/referrals/change-referral-code");
const { addReservedWordAsAdmin } = await import("@/lib/actions/admin/add-reserved-word");
const { removeReservedWordAsAdmin } = await import("@/lib/actions/admin/remove-reserved-word");
const { getJoinContext, getMyCodeChangeAllowance } = await import("@/lib/data/referrals");
const { getReferralCodeSettings } = await import("@/lib/data/admin-referrals");

let t: TestDatabase;
let tree: TestTree;
let admin: number;
const userOf: Record<number, number> = {};
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  await t.db.insert(company).values({ name: "Verdant Wellness", currency: "USD" });
  tree = await seedTestTree(t.db);
  admin = await createAdmin(t.db);
  for (const row of await t.db.select({ id: distributors.id, userId: distributors.userId }).from(distributors)) userOf[row.id] = row.userId;
});
afterAll(async () => {
  await t?.destroy();
});

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/** The dashboard form's submission, by the distributor `id`, at `at`. */
async function change(id: number, code: string, at: Date = state.now) {
  state.userId = userOf[id]!;
  state.now = at;
  return changeReferralCode({ ok: false }, form({ code }));
}

async function asAdmin<T>(fn: () => Promise<T>): Promise<T> {
  state.userId = admin;
  return fn();
}

async function codeOf(id: number) {
  const [row] = await t.db.select({ code: distributors.referralCode }).from(distributors).where(eq(distributors.id, id));
  return row!.code;
}

async function aliasesOf(id: number) {
  const rows = await t.db.select({ code: referralCodeAliases.code }).from(referralCodeAliases).where(eq(referralCodeAliases.distributorId, id));
  return rows.map((r) => r.code).sort();
}

async function changesOf(id: number) {
  return t.db.select().from(referralCodeChanges).where(eq(referralCodeChanges.distributorId, id));
}

describe("the finding: 16 code changes in a row", () => {
  const start = new Date("2026-11-14T10:00:00Z");
  const refused = "You have changed your code 3 times in the last 30 days, the most allowed. You can change your code again on Dec 14, 2026, from 10:00 UTC.";

  it("the first 3 pass; the 4th and every later one is refused with the date the next change is possible", async () => {
    const answers = [];
    for (let i = 1; i <= 16; i++) answers.push(await change(tree.sponsor, `ana-code-${i}`, start));
    expect(answers.slice(0, 3).map((a) => a.ok)).toEqual([true, true, true]);
    expect(answers[0]!.message).toBe("Your link now ends in /join/ana-code-1. Links with your old code keep working for 90 days.");
    for (const answer of answers.slice(3)) expect(answer).toEqual({ ok: false, message: refused, value: expect.stringMatching(/^ana-code-/) });

    expect(await codeOf(tree.sponsor)).toBe("ana-code-3");
    expect(await aliasesOf(tree.sponsor)).toEqual(["ana-code-1", "ana-code-2", "ana-sponsor"]);
    expect(await changesOf(tree.sponsor)).toHaveLength(3);
    // None of the refused codes was taken: each is free for anyone.
    for (let i = 4; i <= 16; i++) expect((await resolveReferralCode(t.db, `ana-code-${i}`, start)).kind).toBe("invalid");
  });

  it("the dashboard shows no change left, and when the next one is possible", async () => {
    state.userId = userOf[tree.sponsor]!;
    state.now = start;
    expect(await getMyCodeChangeAllowance()).toEqual({ remaining: 0, limit: 3, windowDays: 30, nextChangeAt: "2026-12-14T10:00:00.000Z", timeZone: "UTC" });
    state.userId = userOf[tree.other]!;
    expect(await getMyCodeChangeAllowance()).toEqual({ remaining: 3, limit: 3, windowDays: 30, nextChangeAt: null, timeZone: "UTC" });
  });

  it("a minute before that moment the answer is the same; from it, the next change passes", async () => {
    expect(await change(tree.sponsor, "ana-code-17", new Date("2026-12-14T09:59:00Z"))).toMatchObject({ ok: false, message: refused });
    expect(await change(tree.sponsor, "ana-code-17", new Date("2026-12-14T10:00:00Z"))).toMatchObject({ ok: true });
    state.now = new Date("2026-12-14T10:00:00Z");
    // The three changes of Nov 14 no longer count; this one does.
    expect(await getMyCodeChangeAllowance()).toMatchObject({ remaining: 2, nextChangeAt: "2027-01-13T10:00:00.000Z" });
  });

  it("simultaneous changes by one distributor cannot pass the limit together", async () => {
    const at = new Date("2026-11-20T00:00:00Z");
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => changeCode(t.db, tree.root, `house-race-${i}`, at)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.reason === "limit")).toHaveLength(3);
    expect(await changesOf(tree.root)).toHaveLength(3);
  });
});

describe("the finding: reserved words", () => {
  const at = new Date("2026-11-14T12:00:00Z");

  it.each([
    ["ceo", "ceo"],
    ["verdant", "verdant"],
    ["login", "login"],
    ["Verdant-CEO", "ceo"],
    ["verdantshop", "verdant"],
    ["ver-dant", "verdant"],
    ["otto-wellness", "wellness"],
    ["otto-admin", "admin"],
    ["sign-in", "sign-in"],
  ])("%j is refused (it uses %j), and nothing is written or counted", async (code, word) => {
    expect(await change(tree.other, code, at)).toEqual({
      ok: false,
      fieldErrors: { code: `That code contains “${word}”, which is reserved. Try another.` },
      value: code,
    });
    expect(await codeOf(tree.other)).toBe("otto-other");
    expect(await aliasesOf(tree.other)).toEqual([]);
    expect(await changesOf(tree.other)).toEqual([]);
  });

  it("a code that only looks like one is free: a reserved word must be a whole part", async () => {
    expect(await changeCode(t.db, tree.other, "ceoffice", at)).toMatchObject({ ok: true, code: "ceoffice" });
    // Back to the old code (its owner's, within its grace period).
    expect(await changeCode(t.db, tree.other, "otto-other", at)).toMatchObject({ ok: true, code: "otto-other" });
  });

  it("codes made at signup avoid reserved words", async () => {
    const account = (name: string, email: string) =>
      createDistributorAccount(t.db, {
        name,
        email,
        passwordHash: "h",
        country: "GB",
        sponsorId: tree.root,
        enrolledVia: "direct",
        agreementVersion,
        acceptedAt: at,
      });
    const made = await account("Verdant CEO Smith", "vcs@example.test");
    expect(made.ok && made.referralCode).toMatch(/^smith-[a-z2-9]{3}$/);
    const onlyReserved = await account("Official Admin", "oa@example.test");
    expect(onlyReserved.ok && onlyReserved.referralCode).toMatch(/^member-[a-z2-9]{3}$/);
  });
});

describe("the finding: old codes no longer stay theirs for ever", () => {
  // Otto retires "otto-other" at `retired`: it redirects for 90 days, then it is anyone's.
  const retired = new Date("2027-01-10T00:00:00Z");
  const day = (n: number) => new Date(retired.getTime() + n * DAY);

  it("for 90 days the old code redirects to its owner and nobody else may take it", async () => {
    expect(await change(tree.other, "otto-new", retired)).toMatchObject({ ok: true });
    expect(await resolveReferralCode(t.db, "otto-other", day(89))).toEqual({
      kind: "alias",
      sponsor: { distributorId: tree.other, code: "otto-new", name: "Otto Other" },
    });
    state.now = day(89);
    expect(await getJoinContext("otto-other")).toEqual({ kind: "redirect", code: "otto-new" });
    expect(await change(tree.sponsor, "otto-other", day(89))).toMatchObject({ ok: false, fieldErrors: { code: "That code is taken. Try another." } });
    // A referral cookie set meanwhile is Otto's too.
    expect(await resolveAttribution(t.db, { code: "otto-other", issuedAt: day(10) }, day(20))).toMatchObject({ distributorId: tree.other });
  });

  it("after 90 days it answers as an unknown code, and another distributor can take it", async () => {
    expect(await resolveReferralCode(t.db, "otto-other", day(90))).toEqual({ kind: "invalid" });
    state.now = day(90);
    expect(await getJoinContext("otto-other")).toEqual({ kind: "invalid" });

    expect(await change(tree.sponsor, "otto-other", day(90))).toMatchObject({ ok: true });
    expect(await resolveReferralCode(t.db, "otto-other", day(90))).toMatchObject({ kind: "current", sponsor: { distributorId: tree.sponsor } });
    // The stale alias went with the claim; Otto's current code is untouched.
    expect(await aliasesOf(tree.other)).not.toContain("otto-other");
    expect(await codeOf(tree.other)).toBe("otto-new");
  });

  it("a referral cookie follows the code only while it was its holder's: set before the new owner claimed it, it is ignored", async () => {
    // Set the day before the code expired, read after Ana claimed it: as if absent (never Ana's prospect).
    expect(await resolveAttribution(t.db, { code: "otto-other", issuedAt: day(89) }, day(91))).toBeNull();
    // A cookie from before times were recorded counts as 30 days old: still before Ana's claim.
    expect(await resolveAttribution(t.db, { code: "otto-other", issuedAt: null }, day(100))).toBeNull();
    // Set after Ana claimed it: Ana.
    expect(await resolveAttribution(t.db, { code: "otto-other", issuedAt: day(90) }, day(91))).toMatchObject({ distributorId: tree.sponsor });
  });

  it("the owner may take back their own old code within the grace period, and its cookies stay theirs", async () => {
    expect(await change(tree.other, "otto-third", day(100))).toMatchObject({ ok: true });
    expect(await change(tree.other, "otto-new", day(101))).toMatchObject({ ok: true });
    expect(await resolveAttribution(t.db, { code: "otto-new", issuedAt: day(100) }, day(102))).toMatchObject({ distributorId: tree.other });
  });
});

describe("the admins' list of reserved words", () => {
  const at = new Date("2027-06-01T00:00:00Z");

  it("a brand word added is then refused anywhere in a code; removed, it is free again; both audited", async () => {
    state.now = at;
    expect(await asAdmin(() => addReservedWordAsAdmin({ ok: true }, form({ word: "Green Leaf", kind: "brand" })))).toEqual({
      ok: true,
      message: "New codes cannot contain “greenleaf” anywhere.",
    });
    for (const code of ["greenleaf", "otto-greenleaf", "green-leaf-otto"]) {
      expect(await change(tree.other, code, at)).toMatchObject({
        ok: false,
        fieldErrors: { code: "That code contains “greenleaf”, which is reserved. Try another." },
      });
    }
    state.now = at;
    expect(await asAdmin(() => getReferralCodeSettings())).toMatchObject({
      added: [{ word: "greenleaf", kind: "brand", addedBy: "Test Admin" }],
      companyWords: [
        { word: "verdant", kind: "brand" },
        { word: "wellness", kind: "brand" },
      ],
      policy: { changesPerWindow: 3, windowDays: 30, graceDays: 90 },
    });

    expect(await asAdmin(() => removeReservedWordAsAdmin({ ok: true }, form({ word: "greenleaf" })))).toEqual({
      ok: false,
      message: "Tick the box to confirm: new codes may use this word again.",
    });
    expect(await asAdmin(() => removeReservedWordAsAdmin({ ok: true }, form({ word: "greenleaf", confirm: "on" })))).toEqual({
      ok: true,
      message: "“greenleaf” is no longer reserved.",
    });
    expect(await change(tree.other, "otto-greenleaf", at)).toMatchObject({ ok: true });
    expect((await auditEntries(t.db)).map((e) => [e.action, e.entity, e.entityId, e.before, e.after])).toEqual([
      ["referral.reserve_word", "reserved_word", "greenleaf", null, { word: "greenleaf", kind: "brand" }],
      ["referral.release_word", "reserved_word", "greenleaf", { word: "greenleaf", kind: "brand" }, null],
    ]);
  });

  it("a reserved word is refused as a part; codes already using it stay (grandfathered) and keep resolving", async () => {
    expect(await asAdmin(() => addReservedWordAsAdmin({ ok: true }, form({ word: "otto", kind: "word" })))).toEqual({
      ok: true,
      message: "New codes cannot use “otto” as a code or a part of one. 2 current codes already use it and keep working.",
    });
    // Otto keeps otto-greenleaf (and Ana keeps otto-other): they resolve, and keeping one is no change.
    expect(await resolveReferralCode(t.db, "otto-greenleaf", at)).toMatchObject({ kind: "current", sponsor: { distributorId: tree.other } });
    expect(await change(tree.other, "otto-greenleaf", at)).toEqual({ ok: true, message: "That is already your code.", value: "otto-greenleaf" });
    // But a new code with it is refused, even a code of their own from before.
    expect(await change(tree.other, "otto-new", at)).toMatchObject({
      ok: false,
      fieldErrors: { code: "That code contains “otto”, which is reserved. Try another." },
    });
  });

  it.each([
    [
      { word: "abc", kind: "brand" },
      "Use 4 to 32 letters and digits (spaces and hyphens are dropped). A shorter word would refuse too many codes: add it as a reserved word.",
    ],
    [{ word: "-x-", kind: "word" }, "Use 2 to 32 letters and digits, with single hyphens between parts (like vip or head-office)."],
    [{ word: "a\u0000b", kind: "word" }, "Remove the invisible control characters from this text."],
    [{ word: "admin", kind: "word" }, "“admin” is reserved already: it is one of the built-in words."],
    [{ word: "otto", kind: "word" }, "“otto” is on the list already."],
    [{ word: "vip", kind: "role" }, undefined],
  ])("refuses %j clearly and changes nothing", async (fields, wordError) => {
    const before = await auditEntries(t.db);
    const answer = await asAdmin(() => addReservedWordAsAdmin({ ok: true }, form(fields)));
    expect(answer).toMatchObject({ ok: false, message: "Check the highlighted fields." });
    if (wordError) expect(answer.fieldErrors?.word).toBe(wordError);
    else expect(answer.fieldErrors?.kind).toBe("Choose a reserved word or a brand word.");
    expect(await auditEntries(t.db)).toEqual(before);
  });

  it("is for admins only", async () => {
    state.userId = userOf[tree.other]!;
    await expect(addReservedWordAsAdmin({ ok: true }, form({ word: "mine", kind: "word" }))).rejects.toThrow("404");
    await expect(getReferralCodeSettings()).rejects.toThrow("404");
    state.userId = null;
    await expect(removeReservedWordAsAdmin({ ok: true }, form({ word: "otto", confirm: "on" }))).rejects.toThrow("redirect /sign-in");
    expect((await asAdmin(() => getReferralCodeSettings())).added.map((w) => w.word)).toEqual(["otto"]);
  });
});
