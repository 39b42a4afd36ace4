// Mail goes out over real SMTP: a test server (smtp-server) receives what the
// worker sends and mailparser reads it back.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emails, jobs, users } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/worker";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/smtp";
import { deliverEmail } from "./deliver";
import { DELIVER_EMAIL, queueEmail } from "./queue";
import { smtpTransport } from "./transport";
import { readUnsubscribeToken } from "./unsubscribe";

let t: TestDatabase;
let smtp: TestSmtpServer;
let failing = false;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer({ reject: () => failing });
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

const at = new Date("2026-12-03T10:00:00Z");
const handlers = () => ({ [DELIVER_EMAIL]: (ctx: Parameters<typeof deliverEmail>[0]) => deliverEmail(ctx, smtpTransport(smtp.url)) });

describe("mail delivery over SMTP", () => {
  it("sends a queued message once, with HTML, a plain-text part, the company's name and an unsubscribe header", async () => {
    const queued = await queueEmail(t.db, {
      eventKey: "test:welcome:1",
      to: "ada@example.test",
      userId: null,
      template: "notification",
      data: { title: "Ben joined your team", body: ["Ben Ortiz joined through your link."], href: "/dashboard/team", action: "See your team" },
      at,
    });
    expect(queued).toBe(true);
    // The same event again queues nothing.
    expect(await queueEmail(t.db, { eventKey: "test:welcome:1", to: "ada@example.test", template: "notification", data: { title: "x", body: [] }, at })).toBe(
      false,
    );
    expect(await runDueJobs(t.db, handlers(), at)).toEqual({ ran: 1, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("Ben joined your team");
    expect(mail!.to).toMatchObject({ text: "ada@example.test" });
    expect(mail!.html).toContain("Ben Ortiz joined through your link.");
    expect(mail!.text).toContain("Ben Ortiz joined through your link.");
    expect(mail!.text).toContain("/dashboard/team");
    const [row] = await t.db.select().from(emails).where(eq(emails.eventKey, "test:welcome:1"));
    expect(row).toMatchObject({ status: "sent", transport: "smtp", attempts: 1, possibleDuplicate: false });
    expect(mail!.messageId).toBe(row!.messageId);
    // Account mail (no category) carries no unsubscribe link.
    expect(mail!.headerLines.some((h) => h.key.startsWith("list-"))).toBe(false);
  });

  it("adds List-Unsubscribe and List-Unsubscribe-Post to notification mail, with a token for that user and kind", async () => {
    // A user for the link to name.
    const [user] = await t.db.insert(users).values({ email: "cy@example.test", name: "Cy", passwordHash: "x" }).returning({ id: users.id });
    const userId = user!.id;
    await queueEmail(t.db, {
      eventKey: "test:rank:1",
      to: "cy@example.test",
      userId,
      template: "notification",
      data: { title: "You reached Gold", body: [] },
      category: "rank",
      at,
    });
    await runDueJobs(t.db, handlers(), at);
    const messages = await smtp.waitFor(2);
    const mail = messages[1]!;
    // mailparser folds List-* headers into one structure: read the raw lines.
    const line = (name: string) => mail.headerLines.find((h) => h.key === name)?.line;
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const token = /token=([^>&]+)>/.exec(line("list-unsubscribe") ?? "")?.[1];
    expect(readUnsubscribeToken(decodeURIComponent(token!))).toEqual({ userId, kind: "rank" });
    expect(mail.html).toContain("Unsubscribe");
  });

  it("retries with backoff while the server refuses, then delivers; the user's action never waited", async () => {
    failing = true;
    await queueEmail(t.db, { eventKey: "test:retry:1", to: "di@example.test", template: "notification", data: { title: "Retry me", body: [] }, at });
    expect(await runDueJobs(t.db, handlers(), at)).toEqual({ ran: 1, failed: 1 });
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `mail:${(await t.db.select().from(emails).where(eq(emails.eventKey, "test:retry:1")))[0]!.id}`));
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job!.lastError).toMatch(/Try again later/);
    expect(job!.runAt.getTime() - at.getTime()).toBe(30_000);
    // Not due yet 10 s later; due after 30 s, and the server accepts now.
    expect((await runDueJobs(t.db, handlers(), new Date(at.getTime() + 10_000))).ran).toBe(0);
    failing = false;
    expect(await runDueJobs(t.db, handlers(), new Date(at.getTime() + 30_000))).toEqual({ ran: 1, failed: 0 });
    expect((await smtp.waitFor(3))[2]!.subject).toBe("Retry me");
  });

  it("delivers account mail (a link someone waits for) before a burst of notifications queued earlier", async () => {
    for (let i = 0; i < 5; i++) {
      await queueEmail(t.db, {
        eventKey: `test:burst:${i}`,
        to: `fan${i}@example.test`,
        userId: null,
        template: "notification",
        data: { title: `Burst ${i}`, body: [] },
        category: "announcement",
        at,
      });
    }
    await queueEmail(t.db, {
      eventKey: "test:link:1",
      to: "waiting@example.test",
      template: "notification",
      data: { title: "Your link", body: [] },
      at: new Date(at.getTime() + 1_000),
    });
    const later = new Date(at.getTime() + 60_000);
    expect(await runDueJobs(t.db, handlers(), later, { batch: 1, maxJobs: 1 })).toEqual({ ran: 1, failed: 0 });
    const before = smtp.received.length;
    const messages = await smtp.waitFor(before);
    expect(messages.at(-1)!.subject).toBe("Your link");
    await runDueJobs(t.db, handlers(), later);
  });
});
