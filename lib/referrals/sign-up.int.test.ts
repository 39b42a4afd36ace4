import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emails, pendingEnrolments, rateLimits, referralLinkStats, users } from "@/db/schema";
import { agreementVersion } from "@/lib/agreement";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { setTimeZone } from "@/lib/accounts/settings";
import { completeVerification } from "@/lib/accounts/verify";
import { createDistributorAccount } from "./accounts";
import { distributorByEmail, seedTestTree, type TestTree } from "./fixtures.test-helper";
import { consumeRateLimit } from "./rate-limit";
import { signUpDistributor, type SignUpRequest } from "./sign-up";
import { addVisit, monthlyLinkStats } from "./stats";

let t: TestDatabase;
let tree: TestTree;
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await seedTestTree(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

// A cheap stand-in for argon2: these tests are about the flow, not the hash.
const fakeHash = { hashPassword: vi.fn(async (p: string) => `hashed:${p.length}`) };
let ipCounter = 0;
const at = new Date("2026-11-15T12:00:00Z");
const freshIp = () => `203.0.113.${++ipCounter}`;

function request(overrides: Partial<SignUpRequest> & { email: string }): SignUpRequest {
  const { email, ...rest } = overrides;
  return {
    ip: freshIp(),
    linkCode: null,
    cookie: null,
    form: { name: "New Member", email, password: "a-long-enough-password", country: "GB", agreement: "on" },
    now: at,
    ...rest,
  };
}

/** Follows the signup's verification as the link would, then reads the member's place in the tree. */
async function joined(email: string) {
  const [user] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (user) await t.db.transaction((tx) => completeVerification(tx, user.id, at));
  return distributorByEmail(t.db, email);
}

async function userCount(email: string) {
  const [row] = await t.db
    .select({ n: count() })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row!.n;
}

describe("createDistributorAccount", () => {
  it("creates the user and the distributor under the sponsor, path and depth from the tree", async () => {
    const acceptedAt = new Date("2026-11-20T10:00:00Z");
    const result = await createDistributorAccount(t.db, {
      name: "Zoë O'Neil",
      email: "zoe@example.test",
      passwordHash: "h",
      country: "IE",
      sponsorId: tree.sponsor,
      enrolledVia: "link",
      agreementVersion,
      acceptedAt,
    });
    expect(result.ok).toBe(true);
    const row = await distributorByEmail(t.db, "zoe@example.test");
    expect(row).toMatchObject({
      sponsorId: tree.sponsor,
      path: `${tree.root}.${tree.sponsor}.${row!.id}`,
      depth: 2,
      country: "IE",
      enrolledVia: "link",
      agreementVersion,
      role: "distributor",
    });
    expect(row!.agreementAcceptedAt?.toISOString()).toBe(acceptedAt.toISOString());
    expect(row!.code).toMatch(/^zoe-o-neil-[a-z2-9]{3}$/);
  });

  it("refuses a duplicate email, any case, and writes nothing", async () => {
    const before = await t.db.select({ n: count() }).from(users);
    const result = await createDistributorAccount(t.db, {
      name: "Someone Else",
      email: "ZOE@example.test".toLowerCase(),
      passwordHash: "h",
      country: "GB",
      sponsorId: tree.other,
      enrolledVia: "link",
      agreementVersion,
      acceptedAt: at,
    });
    expect(result).toEqual({ ok: false, reason: "duplicate-email" });
    expect(await t.db.select({ n: count() }).from(users)).toEqual(before);
  });

  it("refuses a terminated sponsor", async () => {
    const result = await createDistributorAccount(t.db, {
      name: "Late Comer",
      email: "late@example.test",
      passwordHash: "h",
      country: "GB",
      sponsorId: tree.terminated,
      enrolledVia: "link",
      agreementVersion,
      acceptedAt: at,
    });
    expect(result).toEqual({ ok: false, reason: "sponsor-unavailable" });
    expect(await userCount("late@example.test")).toBe(0);
  });

  it("retries on a taken code, skipping retired ones, with a longer suffix after a few collisions", async () => {
    // A random source that always gives the same suffix: every short candidate collides.
    const stuck = () => 0;
    const first = await createDistributorAccount(t.db, {
      name: "Same Name",
      email: "same1@example.test",
      passwordHash: "h",
      country: "GB",
      sponsorId: tree.sponsor,
      enrolledVia: "direct",
      agreementVersion,
      acceptedAt: at,
      randomInt: stuck,
    });
    const second = await createDistributorAccount(t.db, {
      name: "Same Name",
      email: "same2@example.test",
      passwordHash: "h",
      country: "GB",
      sponsorId: tree.sponsor,
      enrolledVia: "direct",
      agreementVersion,
      acceptedAt: at,
      randomInt: stuck,
    });
    expect(first.ok && first.referralCode).toBe("same-name-aaa");
    expect(second.ok && second.referralCode).toMatch(/^same-name-aaa\d{3}$/);
  });
});

describe("signUpDistributor", () => {
  it("joins under the link's sponsor once verified, counts the signup then, and records how", async () => {
    const before = await monthlyLinkStats(t.db, tree.other, at);
    const outcome = await signUpDistributor(t.db, request({ email: "Link.Joiner@Example.test", linkCode: "Otto-Other" }), fakeHash);
    expect(outcome).toEqual({ ok: true, email: "link.joiner@example.test" });
    // Nothing in the tree, and nothing counted, until the email is verified.
    expect(await distributorByEmail(t.db, "link.joiner@example.test")).toBeUndefined();
    expect((await monthlyLinkStats(t.db, tree.other, at)).signups).toBe(before.signups);
    const row = await joined("link.joiner@example.test");
    expect(row).toMatchObject({ sponsorId: tree.other, enrolledVia: "link", country: "GB", passwordHash: "hashed:22" });
    expect((await monthlyLinkStats(t.db, tree.other, at)).signups).toBe(before.signups + 1);
  });

  it("follows a retired code to its owner", async () => {
    await t.db.execute(sql`insert into referral_code_aliases (code, distributor_id) values ('otto-old', ${tree.other})`);
    await signUpDistributor(t.db, request({ email: "alias@example.test", linkCode: "otto-old" }), fakeHash);
    expect((await joined("alias@example.test"))?.sponsorId).toBe(tree.other);
  });

  it("uses the cookie's sponsor on /join, and the root without one", async () => {
    await signUpDistributor(t.db, request({ email: "cookie@example.test", cookie: { code: "ana-sponsor", issuedAt: at } }), fakeHash);
    expect(await joined("cookie@example.test")).toMatchObject({ sponsorId: tree.sponsor, enrolledVia: "cookie" });
    await signUpDistributor(t.db, request({ email: "direct@example.test" }), fakeHash);
    expect(await joined("direct@example.test")).toMatchObject({ sponsorId: tree.root, enrolledVia: "direct", depth: 1 });
  });

  it("falls back to the root when the cookie's sponsor is gone", async () => {
    await signUpDistributor(t.db, request({ email: "stale-cookie@example.test", cookie: { code: "gone-member", issuedAt: at } }), fakeHash);
    expect(await joined("stale-cookie@example.test")).toMatchObject({ sponsorId: tree.root, enrolledVia: "direct" });
  });

  it("ignores the cookie on a link page: the link wins", async () => {
    await signUpDistributor(t.db, request({ email: "both@example.test", linkCode: "otto-other", cookie: { code: "ana-sponsor", issuedAt: at } }), fakeHash);
    expect(await joined("both@example.test")).toMatchObject({ sponsorId: tree.other, enrolledVia: "link" });
  });

  it.each(["nobody-here", "gone-member", "bad code", "x".repeat(100)])("refuses the invalid link %j without creating anyone", async (linkCode) => {
    const outcome = await signUpDistributor(t.db, request({ email: "invalid-link@example.test", linkCode }), fakeHash);
    expect(outcome).toEqual({ ok: false, reason: "link-invalid" });
    expect(await userCount("invalid-link@example.test")).toBe(0);
  });

  it("answers a taken email exactly like a free one, after the same hashing, creating nothing and telling the owner once a day", async () => {
    fakeHash.hashPassword.mockClear();
    const users0 = await t.db.select({ n: count() }).from(users);
    const pending0 = await t.db.select({ n: count() }).from(pendingEnrolments);
    const outcome = await signUpDistributor(t.db, request({ email: "ZOE@EXAMPLE.TEST", linkCode: "ana-sponsor" }), fakeHash);
    expect(outcome).toEqual({ ok: true, email: "zoe@example.test" });
    expect(fakeHash.hashPassword).toHaveBeenCalledTimes(1);
    expect(await t.db.select({ n: count() }).from(users)).toEqual(users0);
    expect(await t.db.select({ n: count() }).from(pendingEnrolments)).toEqual(pending0);
    // Again the same day: still the same answer, no second email.
    await signUpDistributor(t.db, request({ email: "zoe@example.test" }), fakeHash);
    const notices = await t.db
      .select({ to: emails.toAddress, template: emails.template, key: emails.eventKey })
      .from(emails)
      .where(eq(emails.toAddress, "zoe@example.test"));
    expect(notices).toEqual([{ to: "zoe@example.test", template: "email_in_use", key: expect.stringMatching(/^email-in-use:\d+:2026-11-15$/) }]);
  });

  it("returns field errors for bad input, and keeps HTML in a name as text", async () => {
    const bad = await signUpDistributor(
      t.db,
      { ...request({ email: "x" }), form: { name: " ", email: "not-an-email", password: "short", country: "XX", agreement: undefined } },
      fakeHash,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason === "invalid" && Object.keys(bad.fieldErrors).sort()).toEqual(["agreement", "country", "email", "name", "password"]);

    const name = `<img src=x onerror=alert(1)>`;
    await signUpDistributor(t.db, { ...request({ email: "xss@example.test" }), form: { ...request({ email: "xss@example.test" }).form, name } }, fakeHash);
    expect((await joined("xss@example.test"))?.name).toBe(name);
  });

  it("rate-limits per IP: the 11th attempt in a minute is refused before any parsing or hashing", async () => {
    const ip = "198.51.100.7";
    const now = new Date("2026-11-27T12:00:05Z");
    fakeHash.hashPassword.mockClear();
    for (let i = 0; i < 10; i++) {
      // Ten attempts within the limit, invalid on purpose so none creates an account.
      const outcome = await signUpDistributor(t.db, { ...request({ email: "bad" }), ip, now }, fakeHash);
      expect(outcome.ok === false && outcome.reason).toBe("invalid");
    }
    const started = performance.now();
    const eleventh = await signUpDistributor(t.db, { ...request({ email: "eleventh@example.test", linkCode: "ana-sponsor" }), ip, now }, fakeHash);
    const elapsed = performance.now() - started;
    expect(eleventh).toEqual({ ok: false, reason: "rate-limited" });
    expect(fakeHash.hashPassword).not.toHaveBeenCalled();
    expect(await userCount("eleventh@example.test")).toBe(0);
    // One upsert, no hashing (argon2 alone takes tens of milliseconds).
    expect(elapsed).toBeLessThan(1000);
    // Another IP, and the same IP in the next window, are not affected.
    expect(await signUpDistributor(t.db, { ...request({ email: "other-ip@example.test" }), now }, fakeHash)).toMatchObject({ ok: true });
    const nextMinute = new Date("2026-11-27T12:01:00Z");
    expect(await signUpDistributor(t.db, { ...request({ email: "next-minute@example.test" }), ip, now: nextMinute }, fakeHash)).toMatchObject({
      ok: true,
    });
  });
});

describe("consumeRateLimit", () => {
  it("counts per key and window, and sweeps windows no one reads again", async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    const at = new Date("2026-11-01T00:00:30Z");
    expect((await consumeRateLimit(t.db, "test:a", rule, at)).allowed).toBe(true);
    expect((await consumeRateLimit(t.db, "test:a", rule, at)).allowed).toBe(true);
    expect(await consumeRateLimit(t.db, "test:a", rule, at)).toEqual({ allowed: false, hits: 3 });
    expect((await consumeRateLimit(t.db, "test:b", rule, at)).allowed).toBe(true);
    const later = new Date("2026-11-03T00:00:00Z");
    await consumeRateLimit(t.db, "test:a", rule, later);
    const rows = await t.db
      .select({ key: rateLimits.key, hits: rateLimits.hits })
      .from(rateLimits)
      .where(sql`${rateLimits.key} like 'test:%'`);
    expect(rows).toEqual([{ key: "test:a", hits: 1 }]);
  });
});

describe("link stats", () => {
  it("adds visits per UTC day and sums the calendar month", async () => {
    const id = tree.sponsor;
    await addVisit(t.db, id, new Date("2026-10-31T23:59:59Z"));
    await addVisit(t.db, id, new Date("2026-11-01T00:00:00Z"));
    await addVisit(t.db, id, new Date("2026-11-15T12:00:00Z"));
    await addVisit(t.db, id, new Date("2026-11-15T13:00:00Z"));
    const november = await monthlyLinkStats(t.db, id, new Date("2026-11-20T00:00:00Z"));
    const october = await monthlyLinkStats(t.db, id, new Date("2026-10-02T00:00:00Z"));
    expect(november.visits).toBe(3);
    expect(october.visits).toBe(1);
    const days = await t.db.select({ day: referralLinkStats.day }).from(referralLinkStats).where(eq(referralLinkStats.distributorId, id));
    expect(days.map((d) => d.day)).toEqual(expect.arrayContaining(["2026-10-31", "2026-11-01", "2026-11-15"]));
  });
});

describe("the new member's time zone", () => {
  const zoneOf = async (email: string) => (await t.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.email, email)))[0]?.timeZone;

  it("is the browser's, as the form's hidden field reports it", async () => {
    await signUpDistributor(t.db, { ...request({ email: "tokyo@example.test" }), browserTimeZone: "Asia/Tokyo" }, fakeHash);
    expect(await zoneOf("tokyo@example.test")).toBe("Asia/Tokyo");
  });

  it("is the company's when the browser sent none or one the server does not know", async () => {
    await t.db.execute(
      sql`insert into company (id, name, time_zone) values (1, 'Test Co', 'Europe/Paris') on conflict (id) do update set time_zone = 'Europe/Paris'`,
    );
    try {
      await signUpDistributor(t.db, { ...request({ email: "nozone@example.test" }), browserTimeZone: "" }, fakeHash);
      await signUpDistributor(t.db, { ...request({ email: "badzone@example.test" }), browserTimeZone: "Mars/Olympus_Mons" }, fakeHash);
      expect(await zoneOf("nozone@example.test")).toBe("Europe/Paris");
      expect(await zoneOf("badzone@example.test")).toBe("Europe/Paris");
    } finally {
      await t.db.execute(sql`update company set time_zone = 'UTC' where id = 1`);
    }
  });

  it("is changed by its owner in their settings, and only theirs", async () => {
    const [tokyo] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "tokyo@example.test"));
    expect(await setTimeZone(t.db, tokyo!.id, "America/New_York")).toBe(true);
    expect(await setTimeZone(t.db, tokyo!.id, "America/New_York")).toBe(false);
    expect(await zoneOf("tokyo@example.test")).toBe("America/New_York");
    expect(await zoneOf("badzone@example.test")).toBe("Europe/Paris");
  });
});
