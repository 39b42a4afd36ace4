// The outbox and the jobs pages' data (/admin/outbox, /admin/jobs): admins
// only, the list's paging and filters from the URL, the test email, "Retry
// now" on a failed job (audited), the stored HTML's route and its policy, and
// the retention of finished jobs.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { emails, jobs, users } from "@/db/schema";
import { retryJob } from "@/lib/admin/jobs";
import { sendTestEmail } from "@/lib/admin/outbox";
import { AdminError } from "@/lib/admin/errors";
import { pruneFinishedJobs } from "@/lib/jobs/prune";
import { runDueJobs } from "@/lib/jobs/worker";
import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL, queueEmail } from "@/lib/mail/queue";
import type { MailTransport } from "@/lib/mail/transport";
import { parseOutboxQuery } from "@/lib/validation/admin-outbox";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";

const state = vi.hoisted(() => ({ db: null as Database | null, userId: null as number | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.userId === null ? null : { user: { id: String(state.userId), sv: 1 } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { getJobsOverview, getOutboxHtmlForAdmin, getOutboxMessageForAdmin, listOutboxForAdmin } = await import("./admin-outbox");
const { GET: getHtml } = await import("@/app/(portal)/admin/outbox/[id]/html/route");

let t: TestDatabase;
let adminId: number;
let memberId: number;
const at = new Date("2026-12-03T10:00:00Z");
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
/** The outbox "transport": the message stays in the table. */
const outbox: MailTransport = { kind: "outbox", send: async () => {} };
const handlers = { [DELIVER_EMAIL]: (ctx: Parameters<typeof deliverEmail>[0]) => deliverEmail(ctx, outbox) };

async function as<T>(userId: number | null, fn: () => Promise<T>): Promise<T> {
  state.userId = userId;
  try {
    return await fn();
  } finally {
    state.userId = null;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  adminId = await createAdmin(t.db);
  const [member] = await t.db.insert(users).values({ email: "member@test.example", name: "Member", passwordHash: "x" }).returning({ id: users.id });
  memberId = member!.id;
  // 60 messages a minute apart: to ada-0 … ada-59, the even ones 100%-sure (a LIKE wildcard in the address).
  for (let i = 0; i < 60; i++) {
    await queueEmail(t.db, {
      eventKey: `outbox-test:${i}`,
      to: i % 2 === 0 ? `ada-${i}@100%.test` : `ada-${i}@example.test`,
      template: "notification",
      data: { title: `Message ${i}`, body: [`Body ${i}`] },
      at: minutes(i),
    });
  }
  // The first 10 are delivered (to the outbox); the rest stay queued.
  expect(await runDueJobs(t.db, handlers, minutes(0), { maxJobs: 1 })).toEqual({ ran: 1, failed: 0 });
  expect(await runDueJobs(t.db, handlers, minutes(9), { maxJobs: 9 })).toEqual({ ran: 9, failed: 0 });
});
afterAll(async () => {
  await t?.destroy();
});

describe("who may read the outbox and the jobs", () => {
  it("refuses the signed-out (sign in) and a distributor (404), for every read and for the HTML route", async () => {
    const [first] = await t.db.select({ id: emails.id }).from(emails).where(eq(emails.eventKey, "outbox-test:0"));
    const reads: (() => Promise<unknown>)[] = [
      () => listOutboxForAdmin({ page: 1 }),
      () => getOutboxMessageForAdmin(first!.id),
      () => getOutboxHtmlForAdmin(first!.id),
      () => getJobsOverview(),
      () => getHtml(new Request("http://localhost/x"), { params: Promise.resolve({ id: String(first!.id) }) }),
    ];
    for (const read of reads) {
      await expect(as(null, read)).rejects.toThrow("redirect /sign-in");
      await expect(as(memberId, read)).rejects.toThrow("404");
    }
  });

  it("serves an admin the stored HTML under its own policy: no scripts, framed by this site only", async () => {
    const [first] = await t.db.select({ id: emails.id, html: emails.html }).from(emails).where(eq(emails.eventKey, "outbox-test:0"));
    const response = await as(adminId, () => getHtml(new Request("http://localhost/x"), { params: Promise.resolve({ id: String(first!.id) }) }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(first!.html);
    const policy = response.headers.get("content-security-policy")!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toMatch(/(^|; )sandbox(;|$)/);
    expect(policy).not.toContain("script-src");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });

  it("answers 404 for a malformed id, an id no message has, and a message not rendered yet", async () => {
    const [queued] = await t.db.select({ id: emails.id }).from(emails).where(eq(emails.eventKey, "outbox-test:59"));
    for (const id of ["abc", "0", "-1", "1e3", "1234567890", "999999", String(queued!.id)]) {
      await expect(
        as(adminId, () => getHtml(new Request("http://localhost/x"), { params: Promise.resolve({ id }) })),
        id,
      ).rejects.toThrow("404");
    }
    expect(await as(adminId, () => getOutboxMessageForAdmin(999_999))).toBeNull();
    // The page says "not rendered yet" for it.
    expect(await as(adminId, () => getOutboxMessageForAdmin(queued!.id))).toMatchObject({ status: "queued", subject: null, rendered: false, text: null });
  });
});

describe("the outbox list", () => {
  it("reads its URL strictly: an unknown status, a malformed page and control characters are ignored, never an error", () => {
    expect(parseOutboxQuery({})).toEqual({ page: 1 });
    expect(parseOutboxQuery({ status: "sent", q: " ada ", page: "2" })).toEqual({ status: "sent", q: "ada", page: 2 });
    for (const page of ["0", "-1", "1e3", "2.5", "abc", "0x10", "9999999999", " 2"]) expect(parseOutboxQuery({ page }).page, page).toBe(1);
    expect(parseOutboxQuery({ status: "SENT" }).status).toBeUndefined();
    expect(parseOutboxQuery({ status: ["failed", "sent"] }).status).toBe("failed");
    expect(parseOutboxQuery({ q: "ada\u0000\u001f" }).q).toBe("ada");
    expect(parseOutboxQuery({ q: "\u0007 " }).q).toBeUndefined();
  });

  it("pages newest first, 50 a page, and filters by status and by recipient (wildcards taken literally)", async () => {
    const page1 = await as(adminId, () => listOutboxForAdmin({ page: 1 }));
    expect(page1.total).toBe(60);
    expect(page1.rows).toHaveLength(50);
    expect(page1.rows[0]).toMatchObject({ to: "ada-59@example.test", subject: null, template: "notification", status: "queued", transport: null });
    const page2 = await as(adminId, () => listOutboxForAdmin({ page: 2 }));
    expect(page2.rows.map((r) => r.to)).toEqual(
      Array.from({ length: 10 }, (_, k) => ((9 - k) % 2 === 1 ? `ada-${9 - k}@example.test` : `ada-${9 - k}@100%.test`)),
    );
    expect(page2.rows[9]).toMatchObject({ subject: "Message 0", status: "sent", transport: "outbox", attempts: 1, possibleDuplicate: false, lastError: null });
    expect(page2.rows[9]!.sentAt).toBe(minutes(0).toISOString());
    expect((await as(adminId, () => listOutboxForAdmin({ page: 3 }))).rows).toEqual([]);
    const sent = await as(adminId, () => listOutboxForAdmin({ status: "sent", page: 1 }));
    expect(sent.total).toBe(10);
    expect(sent.rows.every((r) => r.status === "sent")).toBe(true);
    expect((await as(adminId, () => listOutboxForAdmin({ status: "failed", page: 1 }))).total).toBe(0);
    // "100%" matches the 30 even addresses, not every address (% is not a wildcard here).
    expect((await as(adminId, () => listOutboxForAdmin({ q: "100%", page: 1 }))).total).toBe(30);
    expect((await as(adminId, () => listOutboxForAdmin({ q: "ADA-1", page: 1 }))).total).toBe(11);
    expect((await as(adminId, () => listOutboxForAdmin({ q: "ada-1", status: "sent", page: 1 }))).rows.map((r) => r.to)).toEqual(["ada-1@example.test"]);
  });

  it("shows a sent message's headers and plain-text part", async () => {
    const [first] = await t.db.select({ id: emails.id }).from(emails).where(eq(emails.eventKey, "outbox-test:3"));
    const m = await as(adminId, () => getOutboxMessageForAdmin(first!.id));
    expect(m).toMatchObject({ to: "ada-3@example.test", subject: "Message 3", rendered: true, category: null, status: "sent" });
    expect(m!.from).toMatch(/^"Lineage|.+" <no-reply@localhost>$/);
    expect(m!.messageId).toBe(`<email-${first!.id}.localhost@lineage>`);
    expect(m!.text).toContain("Body 3");
    expect(m!.createdAt).toBe(minutes(3).toISOString());
  });
});

describe("the test email", () => {
  it("queues one message to the admin's own address, audited, that the worker delivers", async () => {
    const admin = { userId: adminId, name: "Test Admin", email: "admin@test.example" };
    const id = await sendTestEmail(t.db, admin, minutes(100));
    // A double submit at the same instant queues nothing more.
    expect(await sendTestEmail(t.db, admin, minutes(100))).toBe(id);
    expect(await t.db.select().from(emails).where(eq(emails.template, "testEmail"))).toHaveLength(1);
    expect((await auditEntries(t.db, "email.send_test")).map((e) => ({ entityId: e.entityId, actor: e.actorUserId, after: e.after }))).toEqual([
      { entityId: String(id), actor: adminId, after: { to: "admin@test.example" } },
    ]);
    // Everything due runs: the 50 still queued, then the test message.
    expect(await runDueJobs(t.db, handlers, minutes(100))).toEqual({ ran: 51, failed: 0 });
    const m = await as(adminId, () => getOutboxMessageForAdmin(id));
    expect(m).toMatchObject({ to: "admin@test.example", status: "sent", subject: "Test email from Lineage", rendered: true });
    expect(m!.text).toContain("Test Admin sent this test message");
  });
});

describe("failed jobs and Retry now", () => {
  it("a message whose template cannot render fails with its job; a retry queues both again, with fresh attempts, audited, once", async () => {
    // A message queued under a template name this version does not have.
    await t.db.execute(sql`
      with e as (insert into emails (event_key, to_address, template, data, created_at) values ('outbox-test:broken', 'bo@example.test', 'no-such-template', '{}', ${minutes(200).toISOString()}) returning id)
      insert into jobs (kind, key, payload, run_at, max_attempts, created_at) select ${DELIVER_EMAIL}, 'mail:' || e.id, jsonb_build_object('emailId', e.id), ${minutes(200).toISOString()}, 2, ${minutes(200).toISOString()} from e`);
    const [email] = await t.db.select().from(emails).where(eq(emails.eventKey, "outbox-test:broken"));
    const jobKey = `mail:${email!.id}`;
    expect(await runDueJobs(t.db, handlers, minutes(200))).toEqual({ ran: 1, failed: 1 });
    expect(await runDueJobs(t.db, handlers, minutes(201))).toEqual({ ran: 1, failed: 1 });
    const [job] = await t.db.select().from(jobs).where(eq(jobs.key, jobKey));
    expect(job).toMatchObject({ status: "failed", attempts: 2, lastError: 'unknown email template "no-such-template"' });
    // The message says so too (not "queued" forever).
    expect((await t.db.select().from(emails).where(eq(emails.id, email!.id)))[0]).toMatchObject({
      status: "failed",
      lastError: 'unknown email template "no-such-template"',
      sendingSince: null,
    });
    const overview = await as(adminId, () => getJobsOverview());
    expect(overview.failed.map((j) => ({ id: j.id, emailId: j.emailId, attempts: j.attempts }))).toEqual([{ id: job!.id, emailId: email!.id, attempts: 2 }]);
    expect(overview.counts.find((c) => c.kind === DELIVER_EMAIL)!.counts).toEqual({ queued: 0, running: 0, done: 61, failed: 1 });
    expect(overview.pending).toEqual([]);
    expect(overview.done[0]!.finishedAt).toBe(minutes(100).toISOString());

    await retryJob(t.db, adminId, job!.id, minutes(300));
    const [retried] = await t.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(retried).toMatchObject({
      status: "queued",
      attempts: 0,
      lockedUntil: null,
      finishedAt: null,
      lastError: 'unknown email template "no-such-template"',
    });
    expect(retried!.runAt.toISOString()).toBe(minutes(300).toISOString());
    expect((await t.db.select().from(emails).where(eq(emails.id, email!.id)))[0]!.status).toBe("queued");
    expect((await auditEntries(t.db, "job.retry")).map((e) => ({ entityId: e.entityId, before: e.before, after: e.after }))).toEqual([
      {
        entityId: String(job!.id),
        before: { status: "failed", attempts: 2, lastError: 'unknown email template "no-such-template"' },
        after: { status: "queued", attempts: 0, runAt: minutes(300).toISOString() },
      },
    ]);
    // Not failed any more: a second retry (a double submit) is refused and changes nothing.
    await expect(retryJob(t.db, adminId, job!.id, minutes(301))).rejects.toThrow(AdminError);
    await expect(retryJob(t.db, adminId, 999_999, minutes(301))).rejects.toThrow(AdminError);
    expect(await auditEntries(t.db, "job.retry")).toHaveLength(1);

    // The template fixed, the retry delivers it.
    await t.db
      .update(emails)
      .set({ template: "notification", data: { title: "Fixed", body: [] } })
      .where(eq(emails.id, email!.id));
    await runDueJobs(t.db, { [DELIVER_EMAIL]: handlers[DELIVER_EMAIL] }, minutes(300), { maxJobs: 100 });
    expect((await t.db.select().from(emails).where(eq(emails.id, email!.id)))[0]).toMatchObject({ status: "sent", subject: "Fixed", lastError: null });
  });
});

describe("retention", () => {
  it("deletes jobs done more than 30 days ago; keeps newer ones, failed and queued ones, and every email", async () => {
    const emailCount = (await t.db.select({ id: emails.id }).from(emails)).length;
    await t.db.insert(jobs).values([
      { kind: "test.failed", key: "old-failed", status: "failed", runAt: at, createdAt: at, finishedAt: at },
      { kind: "test.queued", key: "old-queued", status: "queued", runAt: at, createdAt: at },
    ]);
    // Done: 1 at minute 0, 9 at minute 9, 51 at minute 100, the retried one at minute 300.
    expect((await t.db.select().from(jobs).where(eq(jobs.status, "done"))).length).toBe(62);
    const daysAfter = (m: number, days: number) => new Date(minutes(m).getTime() + days * 86_400_000);
    expect(await pruneFinishedJobs(t.db, daysAfter(0, 30))).toBe(0);
    expect(await pruneFinishedJobs(t.db, daysAfter(10, 30))).toBe(10);
    expect(await pruneFinishedJobs(t.db, daysAfter(300, 30))).toBe(51);
    expect(await pruneFinishedJobs(t.db, daysAfter(300, 31))).toBe(1);
    expect((await t.db.select().from(jobs).where(eq(jobs.status, "done"))).length).toBe(0);
    expect(
      (
        await t.db
          .select({ key: jobs.key })
          .from(jobs)
          .where(sql`${jobs.key} like 'old-%'`)
      )
        .map((j) => j.key)
        .sort(),
    ).toEqual(["old-failed", "old-queued"]);
    expect((await t.db.select({ id: emails.id }).from(emails)).length).toBe(emailCount);
  });
});
