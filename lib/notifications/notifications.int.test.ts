// Notifications end to end below the pages: notify() under each preference,
// the inbox's queries (only ever the user's own rows), unsubscribing by
// token (the one-click route handler as Next calls it), and the daily digest
// delivered over real SMTP.
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as oneClick, GET as oneClickPage } from "@/app/unsubscribe/one-click/route";
import type { Database } from "@/db/client";
import { emails, jobs, notificationPreferences, notifications, users } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { runDueJobs, type JobContext } from "@/lib/jobs/worker";
import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { smtpTransport } from "@/lib/mail/transport";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/mail/unsubscribe";
import { parsePreferenceForm } from "@/lib/validation/notifications";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/smtp";
import { DIGEST_JOB, DIGEST_MAX_ITEMS, DIGEST_USER_JOB, digestRecurringJob, queueDailyDigests, runDigestJob, runUserDigestJob } from "./digest";
import { listNotifications, markAllNotificationsRead, markNotificationRead, NOTIFICATIONS_PAGE_SIZE, unreadCount } from "./inbox";
import { notify } from "./notify";
import { preferenceTable, savePreferences, stopEmails } from "./preferences";

const handle = vi.hoisted(() => ({ db: null as Database | null, now: new Date("2026-12-03T10:00:00Z") }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => handle.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date(handle.now) }));

let t: TestDatabase;
let smtp: TestSmtpServer;
const at = new Date("2026-12-03T10:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  handle.db = t.db;
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

let userSeq = 0;
async function newUser(): Promise<number> {
  const n = ++userSeq;
  const [u] = await t.db
    .insert(users)
    .values({ email: `user${n}@example.test`, name: `User ${n}`, passwordHash: "x" })
    .returning({ id: users.id });
  return u!.id;
}

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

async function tell(userId: number, kind: Parameters<typeof notify>[1]["kind"], key: string, when = at) {
  return notify(t.db, { userId, kind, eventKey: key, title: `Title ${key}`, body: [`First line of ${key}.`, "More."], href: "/dashboard/team", at: when });
}

const emailsOf = (userId: number) => t.db.select().from(emails).where(eq(emails.userId, userId));
const rowOf = async (userId: number, key: string) =>
  (
    await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.eventKey, key)))
  )[0]!;
const preferencesOf = (userId: number) => t.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));

describe("notify() follows the user's preferences", () => {
  it("by default: instant email for a direct recruit, the digest for a deeper one; both unread under the bell", async () => {
    const u = await newUser();
    expect(await tell(u, "team_join", "join:1")).toBe(true);
    expect(await tell(u, "team_join_deep", "deep:1")).toBe(true);
    // The same event again notifies nobody twice.
    expect(await tell(u, "team_join", "join:1")).toBe(false);
    const sent = await emailsOf(u);
    expect(sent.map((e) => [e.template, e.category])).toEqual([["notification", "team_join"]]);
    expect((await rowOf(u, "deep:1")).digestDueAt).toEqual(at);
    expect((await rowOf(u, "join:1")).digestDueAt).toBeNull();
    expect(await unreadCount(t.db, u)).toBe(2);
  });

  it("saved choices: email off sends nothing, digest waits, in-app off lists it already read (the bell does not count it); essential email always goes", async () => {
    const u = await newUser();
    const choices = parsePreferenceForm(
      form({ "rank_advancement.email": "off", "rank_advancement.in_app": "off", "announcement.email": "digest", "team_join.in_app": "instant" }),
    );
    expect(choices).not.toBeNull();
    await savePreferences(t.db, u, choices!, at);
    // team_join in-app "instant" is its default: no row for it.
    expect((await preferencesOf(u)).map((p) => `${p.kind}.${p.channel}=${p.mode}`).sort()).toEqual([
      "announcement.email=digest",
      "rank_advancement.email=off",
      "rank_advancement.in_app=off",
    ]);
    await tell(u, "rank_advancement", "rank:1");
    await tell(u, "announcement", "news:1");
    await tell(u, "order_receipt", "receipt:1");
    expect((await emailsOf(u)).map((e) => [e.template, e.category])).toEqual([["notification", null]]);
    const rank = await rowOf(u, "rank:1");
    expect(rank.readAt).toEqual(at);
    expect(rank.digestDueAt).toBeNull();
    expect((await rowOf(u, "news:1")).digestDueAt).toEqual(at);
    expect(await unreadCount(t.db, u)).toBe(2);
    const table = await preferenceTable(t.db, u);
    expect(table.find((r) => r.kind === "rank_advancement")).toMatchObject({ inApp: "off", email: "off" });
    expect(table.find((r) => r.kind === "order_receipt")).toMatchObject({ essential: true, email: "instant" });
  });

  it("turning a kind's email off drops what waited for the digest; back to its default removes the row", async () => {
    const u = await newUser();
    await tell(u, "team_join_deep", "deep:a");
    await savePreferences(t.db, u, { in_app: {}, email: { team_join_deep: "off" } }, at);
    expect((await rowOf(u, "deep:a")).digestDueAt).toBeNull();
    expect(await preferencesOf(u)).toHaveLength(1);
    await savePreferences(t.db, u, { in_app: {}, email: { team_join_deep: "digest" } }, at);
    expect(await preferencesOf(u)).toEqual([]);
  });

  it("refuses a form with a value outside its channel's modes, or an essential kind's email; other fields are ignored", () => {
    expect(parsePreferenceForm(form({ "team_join.in_app": "digest" }))).toBeNull();
    expect(parsePreferenceForm(form({ "team_join.email": "weekly" }))).toBeNull();
    expect(parsePreferenceForm(form({ "team_join.email": ["off", "instant"] }))).toBeNull();
    expect(parsePreferenceForm(form({ "order_receipt.email": "off" }))).toBeNull();
    expect(parsePreferenceForm(form({ "sign_in_lockout.email": "instant" }))).toBeNull();
    expect(parsePreferenceForm(form({ "nonsense.email": "off", "team_join.email": "off", $ACTION_REF_1: "" }))).toEqual({
      in_app: {},
      email: { team_join: "off" },
    });
  });
});

describe("the inbox only ever touches the user's own notifications", () => {
  it("counts, pages and marks read per user", async () => {
    const mine = await newUser();
    const theirs = await newUser();
    for (let i = 0; i < NOTIFICATIONS_PAGE_SIZE + 5; i++) await tell(mine, "announcement", `a:${i}`, new Date(at.getTime() + i * 60_000));
    await tell(theirs, "announcement", "b:0");
    expect(await unreadCount(t.db, mine)).toBe(NOTIFICATIONS_PAGE_SIZE + 5);

    const first = await listNotifications(t.db, mine, 1);
    expect(first).toMatchObject({ page: 1, pages: 2, total: NOTIFICATIONS_PAGE_SIZE + 5, unread: NOTIFICATIONS_PAGE_SIZE + 5 });
    expect(first.items[0]).toMatchObject({
      title: `Title a:${NOTIFICATIONS_PAGE_SIZE + 4}`,
      line: `First line of a:${NOTIFICATIONS_PAGE_SIZE + 4}.`,
      read: false,
    });
    expect((await listNotifications(t.db, mine, 2)).items).toHaveLength(5);
    // A page past the last shows the last.
    expect((await listNotifications(t.db, mine, 999)).page).toBe(2);

    const theirRow = await rowOf(theirs, "b:0");
    expect(await markNotificationRead(t.db, mine, theirRow.id, at)).toBe(false);
    expect((await rowOf(theirs, "b:0")).readAt).toBeNull();
    expect(await markNotificationRead(t.db, mine, first.items[0]!.id, at)).toBe(true);
    expect(await unreadCount(t.db, mine)).toBe(NOTIFICATIONS_PAGE_SIZE + 4);

    // Mark all, up to the newest the page showed: their row (a later id) stays unread, and so does one that arrives after.
    await tell(mine, "announcement", "a:late", new Date(at.getTime() + 3_600_000));
    expect(await markAllNotificationsRead(t.db, mine, Math.max(first.newestId, theirRow.id), at)).toBe(NOTIFICATIONS_PAGE_SIZE + 4);
    expect(await unreadCount(t.db, mine)).toBe(1);
    expect(await unreadCount(t.db, theirs)).toBe(1);
  });
});

describe("unsubscribing without signing in", () => {
  const post = (token: string) =>
    oneClick(
      new Request(`http://localhost/unsubscribe/one-click?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );

  it("the one-click POST turns that kind's email off; a forged or malformed token changes nothing", async () => {
    const u = await newUser();
    const other = await newUser();
    const forged = unsubscribeToken(u, "announcement").slice(0, -4) + "AAAA";
    for (const bad of [
      forged,
      "garbage",
      `${other}.announcement.${forged.split(".")[2]}`,
      unsubscribeToken(u, "order_receipt"),
      unsubscribeToken(u, "no_such"),
    ]) {
      const response = await post(bad);
      expect(response.status, bad).toBe(400);
    }
    expect(await preferencesOf(u)).toEqual([]);
    expect(await preferencesOf(other)).toEqual([]);

    const response = await post(unsubscribeToken(u, "announcement"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("Unsubscribed.");
    expect((await preferencesOf(u)).map((p) => [p.kind, p.channel, p.mode])).toEqual([["announcement", "email", "off"]]);
    // Again: still off, still fine.
    expect((await post(unsubscribeToken(u, "announcement"))).status).toBe(200);
    await tell(u, "announcement", "news:after");
    expect(await emailsOf(u)).toEqual([]);
    expect(await preferencesOf(other)).toEqual([]);
  });

  it("opened in a browser, the one-click link leads to the page that asks first", () => {
    const response = oneClickPage(new Request("http://localhost/unsubscribe/one-click?token=1.announcement.x"));
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!).pathname + new URL(response.headers.get("location")!).search).toBe("/unsubscribe?token=1.announcement.x");
  });

  it("the digest's token turns off every kind the user got in the digest, and only those", async () => {
    const u = await newUser();
    await savePreferences(t.db, u, { in_app: {}, email: { announcement: "digest" } }, at);
    expect(await stopEmails(t.db, u, "digest", at)).toEqual({ ok: true, kinds: ["team_join_deep", "announcement"] });
    const table = await preferenceTable(t.db, u);
    expect(table.filter((r) => r.email === "off").map((r) => r.kind)).toEqual(["team_join_deep", "announcement"]);
    expect(table.find((r) => r.kind === "team_join")?.email).toBe("instant");
  });
});

describe("the daily digest", () => {
  const day = new Date("2026-12-04T07:00:00Z");
  const handlers = () => ({
    [DIGEST_JOB]: runDigestJob,
    [DIGEST_USER_JOB]: runUserDigestJob,
    [DELIVER_EMAIL]: (ctx: JobContext) => deliverEmail(ctx, smtpTransport(smtp.url)),
  });

  it("is queued once a day, from 07:00 UTC", () => {
    expect(digestRecurringJob.keyFor(new Date("2026-12-04T06:59:59Z"))).toBeNull();
    expect(digestRecurringJob.keyFor(day)).toBe("notifications.digest:2026-12-04");
    expect(digestRecurringJob.keyFor(new Date("2026-12-04T23:59:00Z"))).toBe("notifications.digest:2026-12-04");
  });

  it("sends each user one email with everything waiting, clears it, and a second run sends nothing new", async () => {
    // Earlier tests left digest markers and instant mail behind: start from none waiting.
    await t.db.update(notifications).set({ digestDueAt: null });
    await runDueJobs(t.db, { [DELIVER_EMAIL]: handlers()[DELIVER_EMAIL] }, day);
    const ana = await newUser();
    const ben = await newUser();
    const cy = await newUser();
    await tell(ana, "team_join_deep", "deep:ana:1");
    await tell(ana, "team_join_deep", "deep:ana:2", new Date(at.getTime() + 60_000));
    await savePreferences(t.db, ana, { in_app: {}, email: { announcement: "digest" } }, at);
    await tell(ana, "announcement", "news:ana");
    await tell(ben, "team_join_deep", "deep:ben:1");
    await tell(cy, "team_join", "join:cy");

    const before = smtp.received.length;
    const key = digestRecurringJob.keyFor(day)!;
    expect(await enqueueJob(t.db, { kind: DIGEST_JOB, key, payload: digestRecurringJob.payload!(day), at: day })).toBe(true);
    await runDueJobs(t.db, handlers(), day);
    const digests = await t.db.select().from(emails).where(eq(emails.template, "digest"));
    expect(digests.map((e) => e.userId).sort()).toEqual([ana, ben].sort());
    const anaDigest = digests.find((e) => e.userId === ana)!;
    expect(anaDigest).toMatchObject({ category: "digest", status: "sent", eventKey: `digest:2026-12-04:${ana}` });
    expect(anaDigest.data).toMatchObject({
      date: "2026-12-04",
      more: 0,
      items: [
        { title: "Title deep:ana:1", line: "First line of deep:ana:1.", href: "/dashboard/team" },
        { title: "Title news:ana", line: "First line of news:ana.", href: "/dashboard/team" },
        { title: "Title deep:ana:2", line: "First line of deep:ana:2.", href: "/dashboard/team" },
      ],
    });
    expect(await t.db.select().from(notifications).where(isNotNull(notifications.digestDueAt))).toEqual([]);

    // Over real SMTP: the items, their links, and an unsubscribe for the digest.
    // Cy's instant email goes too; two digests.
    const received = (await smtp.waitFor(before + 3)).slice(before);
    const [anaAddress] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, ana));
    const anaMail = received.find((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text === anaAddress!.email)!;
    expect(anaMail.subject).toBe("Your daily summary: 3 updates");
    for (const title of ["Title deep:ana:1", "Title deep:ana:2", "Title news:ana"]) expect(anaMail.text).toContain(title);
    expect(anaMail.text).toContain("First line of deep:ana:2.");
    expect(anaMail.html).toContain("/dashboard/team");
    expect(anaMail.html).toContain("/dashboard/notifications/settings");
    const header = anaMail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(header).toContain("/unsubscribe/one-click?token=");
    const token = /token=([^>&]+)>/.exec(header)?.[1];
    expect(readUnsubscribeToken(decodeURIComponent(token!))).toEqual({ userId: ana, kind: "digest" });

    // The same day again: the day's job exists, and running its fan-out again queues nobody.
    expect(await enqueueJob(t.db, { kind: DIGEST_JOB, key, payload: digestRecurringJob.payload!(day), at: day })).toBe(false);
    expect(await queueDailyDigests(t.db, "2026-12-04", day)).toBe(0);
    await runDueJobs(t.db, handlers(), day);
    expect(await t.db.select().from(emails).where(eq(emails.template, "digest"))).toHaveLength(2);
    expect(smtp.received.filter((m) => m.subject?.startsWith("Your daily summary"))).toHaveLength(2);

    // Something new waits for tomorrow's digest, and only that goes.
    await tell(ben, "team_join_deep", "deep:ben:2", new Date(day.getTime() + 3_600_000));
    const tomorrow = new Date("2026-12-05T07:00:00Z");
    await enqueueJob(t.db, { kind: DIGEST_JOB, key: digestRecurringJob.keyFor(tomorrow)!, payload: digestRecurringJob.payload!(tomorrow), at: tomorrow });
    await runDueJobs(t.db, handlers(), tomorrow);
    const benDigests = await t.db
      .select()
      .from(emails)
      .where(and(eq(emails.template, "digest"), eq(emails.userId, ben)));
    expect(benDigests.map((e) => (e.data as { items: { title: string }[] }).items.map((i) => i.title))).toEqual([["Title deep:ben:1"], ["Title deep:ben:2"]]);
    const userJobs = await t.db.select({ key: jobs.key, status: jobs.status }).from(jobs).where(eq(jobs.kind, DIGEST_USER_JOB));
    expect(userJobs.every((j) => j.status === "done")).toBe(true);
  });

  it("lists at most DIGEST_MAX_ITEMS and counts the rest", async () => {
    const u = await newUser();
    for (let i = 0; i < DIGEST_MAX_ITEMS + 3; i++) await tell(u, "team_join_deep", `many:${i}`);
    const { sendDigest } = await import("./digest");
    expect(await sendDigest(t.db, u, "2026-12-06", new Date("2026-12-06T07:00:00Z"))).toBe(true);
    const [mail] = await emailsOf(u);
    const data = mail!.data as { items: unknown[]; more: number };
    expect([data.items.length, data.more]).toEqual([DIGEST_MAX_ITEMS, 3]);
    expect(await sendDigest(t.db, u, "2026-12-06", new Date("2026-12-06T07:00:00Z"))).toBe(false);
  });
});
