// Issue 16, point 2: the owner of an account locked by sign-in throttling is
// told, once per lock, by an essential notification (always emailed); an email
// nobody has locks the same way, gets the same answers, and notifies no one.
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { emails, notifications, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "@/tests/db";

vi.hoisted(() => {
  process.env.LINEAGE_PEER_HEADER = "1";
});
const state = vi.hoisted(() => ({ db: null as Database | null, now: new Date("2026-11-15T12:00:00Z"), ip: "198.51.100.10" }));
vi.mock("@/lib/auth/index", () => ({
  signIn: async (_provider: string, options: { email: string; password: string }) => {
    const { CredentialsSignin } = await import("@auth/core/errors");
    const { authenticate } = await import("@/lib/auth/authenticate");
    if (!(await authenticate(options.email, options.password))) throw new CredentialsSignin();
  },
}));
vi.mock("next-auth", async () => {
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  return { AuthError, CredentialsSignin };
});
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date(state.now) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-lineage-peer": state.ip }) }));

const { signInWithPassword } = await import("@/lib/actions/auth/sign-in");

let t: TestDatabase;
let userId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  const [u] = await t.db
    .insert(users)
    .values({ email: "Owner@Example.test", name: "Owner", passwordHash: await hashPassword("the real password") })
    .returning({ id: users.id });
  userId = u!.id;
});
afterAll(async () => {
  await t?.destroy();
});

function attempt(email: string) {
  const fd = new FormData();
  fd.append("email", email);
  fd.append("password", "a wrong guess");
  return signInWithPassword({ ok: false }, fd);
}

const lockoutMails = () => t.db.select().from(emails).where(like(emails.eventKey, "notify:%:sign-in-lockout:%"));

describe("the sign-in lockout notice", () => {
  it("is queued exactly once per lock, to the owner, with when it ends and a reset link; never for an unknown address", async () => {
    const answers: { known: unknown[]; unknown: unknown[] } = { known: [], unknown: [] };
    // Each from its own client address, so only the account's own count locks.
    for (let i = 0; i < 8; i++) {
      state.ip = `203.0.113.${i}`;
      answers.known.push(await attempt("owner@example.test"));
      state.ip = `192.0.2.${i}`;
      answers.unknown.push(await attempt("nobody@example.test"));
    }
    // Five wrong passwords, the sixth locks, the next two are refused while it lasts: the same answers either way.
    expect(answers.known.map((a) => (a as { message: string }).message)).toEqual(answers.unknown.map((a) => (a as { message: string }).message));
    expect((answers.known[5] as { message: string }).message).toMatch(/do not match/);
    expect((answers.known[6] as { message: string }).message).toMatch(/Too many sign-in attempts/);

    const rows = await t.db.select().from(notifications);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId, kind: "sign_in_lockout", href: "/forgot-password", eventKey: "sign-in-lockout:2026-11-15T12:00:00.000Z" });
    expect(rows[0]!.body).toContain("paused until Nov 15, 2026, 12:01 PM UTC");
    const mails = await lockoutMails();
    expect(mails).toHaveLength(1);
    // Essential: no unsubscribe category, to the account's own address.
    expect(mails[0]).toMatchObject({ toAddress: "Owner@Example.test", userId, category: null, template: "notification" });
    expect(await t.db.select().from(emails).where(eq(emails.toAddress, "nobody@example.test"))).toEqual([]);
  });

  it("a new lock after the first ends is a new notice; its start is in the event key", async () => {
    state.now = new Date("2026-11-15T12:05:00Z");
    state.ip = "203.0.113.200";
    await attempt("owner@example.test");
    const mails = await lockoutMails();
    expect(mails).toHaveLength(2);
    const rows = await t.db.select({ eventKey: notifications.eventKey, body: notifications.body }).from(notifications);
    expect(rows.map((r) => r.eventKey).sort()).toEqual(["sign-in-lockout:2026-11-15T12:00:00.000Z", "sign-in-lockout:2026-11-15T12:05:00.000Z"]);
    // The second lock is twice as long.
    expect(rows.find((r) => r.eventKey.endsWith("12:05:00.000Z"))!.body).toContain("paused until Nov 15, 2026, 12:07 PM UTC");
  });
});
