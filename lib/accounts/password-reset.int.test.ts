// Password reset (issue 17, point 3): a link by email that works once, for an
// hour, the same answer for every address, rate-limited, and a reset ends
// every session of the account and lifts its sign-in lock.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { emails, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordSignInFailure, signInKeys, signInLockedUntil } from "@/lib/auth/throttle";
import { runDueJobs } from "@/lib/jobs/worker";
import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { smtpTransport } from "@/lib/mail/transport";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/smtp";

const state = vi.hoisted(() => ({ db: null as Database | null, token: null as { id: string; sv?: number | null } | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("next/navigation", () => ({ notFound: vi.fn(), redirect: vi.fn() }));

const { liveAccountLink, requestPasswordReset, resetPasswordWithToken } = await import("./password-reset");

let t: TestDatabase;
let smtp: TestSmtpServer;
const oldPassword = "the old password, long enough";
const fastHash = { hashPassword };

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

let n = 0;
async function newUser(): Promise<{ id: number; email: string }> {
  n += 1;
  const email = `Reset.User${n}@Example.test`;
  const [u] = await t.db
    .insert(users)
    .values({ email, name: `Reset User ${n}`, passwordHash: await hashPassword(oldPassword) })
    .returning({ id: users.id });
  return { id: u!.id, email };
}

async function userRow(id: number) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

/** The reset messages queued to an address. */
function resetMails(to: string) {
  return t.db
    .select()
    .from(emails)
    .where(and(eq(emails.toAddress, to), eq(emails.template, "reset_password")));
}

/** The token in the newest reset link queued to `to`. */
async function tokenFor(to: string): Promise<string> {
  const rows = await resetMails(to);
  const url = (rows.at(-1)!.data as { url: string }).url;
  return new URL(url).searchParams.get("token")!;
}

/** getViewer's answer for a session token, outside React's per-request cache. */
async function viewerFor(token: { id: string; sv: number }) {
  state.token = token;
  vi.resetModules();
  return (await import("@/lib/auth/session")).getViewer();
}

const at = new Date("2026-11-15T12:00:00Z");
const later = (ms: number) => new Date(at.getTime() + ms);

describe("asking for a reset link", () => {
  it("queues one reset email, with a link to this site, for the account's address typed in any case", async () => {
    const user = await newUser();
    const result = await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "198.51.100.1", at });
    expect(result).toEqual({ outcome: "answered", queued: true });
    const [mail] = await resetMails(user.email);
    expect(mail).toMatchObject({ userId: user.id, category: null, status: "queued" });
    expect((mail!.data as { url: string }).url).toMatch(/^http:\/\/[^/]+\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
  });

  it("an unknown address gets the same answer, and nothing is queued or stored for it", async () => {
    const before = await t.db.select().from(emails);
    const result = await requestPasswordReset(t.db, { email: "nobody@example.test", clientAddress: "198.51.100.2", at });
    expect(result.outcome).toBe("answered");
    expect(result.queued).toBe(false);
    expect(await t.db.select().from(emails)).toEqual(before);
  });

  it("sends at most 3 per address per hour, silently; a client past 20 an hour is told to wait", async () => {
    const user = await newUser();
    const hour = new Date("2026-11-15T15:00:00Z");
    for (let i = 0; i < 3; i++) {
      expect(await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: `203.0.113.${i}`, at: hour })).toEqual({
        outcome: "answered",
        queued: true,
      });
    }
    // The fourth, from yet another client: the same answer, nothing sent.
    expect(await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "203.0.113.9", at: hour })).toEqual({
      outcome: "answered",
      queued: false,
    });
    expect(await resetMails(user.email)).toHaveLength(3);
    // The next hour, it may ask again.
    expect((await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "203.0.113.9", at: later(4 * 3_600_000) })).queued).toBe(true);

    // One client spraying addresses: 20 answered, then told to wait, known address or not.
    for (let i = 0; i < 20; i++) {
      const r = await requestPasswordReset(t.db, { email: `spray${i}@example.test`, clientAddress: "192.0.2.50", at: hour });
      expect(r.outcome).toBe("answered");
    }
    const other = await newUser();
    expect(await requestPasswordReset(t.db, { email: other.email.toLowerCase(), clientAddress: "192.0.2.50", at: hour })).toEqual({
      outcome: "client-limited",
      queued: false,
    });
    expect(await resetMails(other.email)).toHaveLength(0);
  });
});

describe("using a reset link", () => {
  it("works once and not twice; ends every session of the account, lifts its sign-in lock, and sends a notice", async () => {
    const user = await newUser();
    const before = await userRow(user.id);
    expect(await viewerFor({ id: String(user.id), sv: before.sessionVersion })).toMatchObject({ userId: user.id });
    // Someone guessed until the account locked.
    const keys = signInKeys(user.email, "198.51.100.77");
    for (let i = 0; i < 6; i++) await recordSignInFailure(t.db, keys, at);
    expect(await signInLockedUntil(t.db, keys, at)).not.toBeNull();

    await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "198.51.100.3", at });
    const token = await tokenFor(user.email);
    expect(await liveAccountLink(t.db, { purpose: "reset_password", token, at: later(60_000) })).toEqual({ email: user.email, newEmail: null });

    const reset = await resetPasswordWithToken(t.db, { token, password: "a brand new password", at: later(60_000) }, fastHash);
    expect(reset).toEqual({ ok: true, userId: user.id });
    const after = await userRow(user.id);
    expect(await verifyPassword(after.passwordHash, "a brand new password")).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    // The session opened before the reset opens nothing now.
    expect(await viewerFor({ id: String(user.id), sv: before.sessionVersion })).toBeNull();
    expect(await signInLockedUntil(t.db, keys, later(60_000))).toBeNull();
    const notices = await t.db
      .select()
      .from(emails)
      .where(and(eq(emails.toAddress, user.email), like(emails.eventKey, "password-changed:%")));
    expect(notices).toHaveLength(1);
    expect((notices[0]!.data as { title: string }).title).toBe("Your password was changed");

    // The same link again: refused, and nothing changes.
    expect(await liveAccountLink(t.db, { purpose: "reset_password", token, at: later(120_000) })).toBeNull();
    expect(await resetPasswordWithToken(t.db, { token, password: "yet another password", at: later(120_000) }, fastHash)).toEqual({ ok: false });
    expect(await userRow(user.id)).toEqual(after);
  });

  it("expires after an hour: at 59 minutes it is live, at 60 it changes nothing", async () => {
    const user = await newUser();
    await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "198.51.100.4", at });
    const token = await tokenFor(user.email);
    expect(await liveAccountLink(t.db, { purpose: "reset_password", token, at: later(59 * 60_000) })).not.toBeNull();
    const before = await userRow(user.id);
    expect(await resetPasswordWithToken(t.db, { token, password: "too late a password", at: later(60 * 60_000) }, fastHash)).toEqual({ ok: false });
    expect(await userRow(user.id)).toEqual(before);
  });

  it("a newer link replaces an older one; a token of another purpose or a malformed one does nothing", async () => {
    const user = await newUser();
    await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "198.51.100.5", at });
    const first = await tokenFor(user.email);
    await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "198.51.100.5", at: later(1000) });
    const second = await tokenFor(user.email);
    expect(second).not.toBe(first);
    expect(await resetPasswordWithToken(t.db, { token: first, password: "a brand new password", at: later(2000) }, fastHash)).toEqual({ ok: false });
    expect(await resetPasswordWithToken(t.db, { token: "x".repeat(43), password: "a brand new password", at: later(2000) }, fastHash)).toEqual({ ok: false });
    expect(await resetPasswordWithToken(t.db, { token: "short", password: "a brand new password", at: later(2000) }, fastHash)).toEqual({ ok: false });
    expect((await resetPasswordWithToken(t.db, { token: second, password: "a brand new password", at: later(2000) }, fastHash)).ok).toBe(true);
  });

  it("the reset email, delivered by the worker to a real SMTP server, carries a link whose token works", async () => {
    const user = await newUser();
    await requestPasswordReset(t.db, { email: user.email.toLowerCase(), clientAddress: "198.51.100.6", at });
    const handlers = { [DELIVER_EMAIL]: (ctx: Parameters<typeof deliverEmail>[0]) => deliverEmail(ctx, smtpTransport(smtp.url)) };
    // Every message queued so far goes out; the one to this user is the reset link.
    let sent = 0;
    for (let ran = -1; ran !== 0; sent += Math.max(ran, 0)) ran = (await runDueJobs(t.db, handlers, later(1000))).ran;
    const received = await smtp.waitFor(sent);
    const mail = received.find((m) => m.subject?.startsWith("Reset your") && JSON.stringify(m.to).toLowerCase().includes(user.email.toLowerCase()));
    expect(mail).toBeDefined();
    expect(mail!.html).toContain("Choose a new password");
    const link = /(http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43})/.exec(mail!.text ?? "")?.[1];
    expect(link).toBeDefined();
    const token = new URL(link!).searchParams.get("token")!;
    expect((await resetPasswordWithToken(t.db, { token, password: "chosen from the email", at: later(5 * 60_000) }, fastHash)).ok).toBe(true);
    expect(await verifyPassword((await userRow(user.id)).passwordHash, "chosen from the email")).toBe(true);
  });
});
