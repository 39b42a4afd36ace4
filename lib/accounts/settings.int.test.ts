// Account settings (issue 17, point 3; issue 16, point 5): changing the password
// keeps the session it was changed from and ends every other; changing the email
// takes effect only once the new address confirms, and says nothing about who else has an account.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { emails, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "@/tests/db";

const state = vi.hoisted(() => ({
  db: null as Database | null,
  /** The session the request carries: a user id and the session version it was signed in under. */
  token: null as { id: string; sv: number } | null,
  now: new Date("2026-11-15T12:00:00Z"),
  /** The sessions next-auth's signIn opened: the version each token carries. */
  signedIn: [] as { id: number; sv: number }[],
}));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/lib/auth/index", () => ({
  // The credentials sign-in: the real password check; the token carries the version read at sign-in, as the jwt callback does.
  signIn: async (_provider: string, options: { email: string; password: string; redirectTo: string }) => {
    const { CredentialsSignin } = await import("@auth/core/errors");
    const { authenticate } = await import("@/lib/auth/authenticate");
    const { redirect } = await import("next/navigation");
    const user = await authenticate(options.email, options.password);
    if (!user) throw new CredentialsSignin();
    state.signedIn.push({ id: user.id, sv: user.sessionVersion });
    redirect(options.redirectTo);
  },
}));
vi.mock("next-auth", async () => {
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  return { AuthError, CredentialsSignin };
});
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date(state.now) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;404"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));

let t: TestDatabase;
const password = "my current password";

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
});
afterAll(async () => {
  await t?.destroy();
});

let n = 0;
async function newUser(): Promise<{ id: number; email: string; sv: number }> {
  n += 1;
  const email = `settings${n}@example.test`;
  const [u] = await t.db
    .insert(users)
    .values({ email, name: `Settings ${n}`, passwordHash: await hashPassword(password), emailVerifiedAt: state.now })
    .returning({ id: users.id, sv: users.sessionVersion });
  return { id: u!.id, email, sv: u!.sv };
}

async function userRow(id: number) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

/** The action's fresh module (React's per-request cache of the viewer starts empty), called with the session `token`. */
async function callAs<T>(token: { id: string; sv: number } | null, load: () => Promise<(...args: never[]) => Promise<T>>, ...args: unknown[]) {
  state.token = token;
  vi.resetModules();
  const fn = (await load()) as (...a: unknown[]) => Promise<T>;
  try {
    return { result: await fn(...args) };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string") return { digest };
    throw error;
  }
}

async function viewerFor(token: { id: string; sv: number }) {
  state.token = token;
  vi.resetModules();
  return (await import("@/lib/auth/session")).getViewer();
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

const changePassword = async () => (await import("@/lib/actions/account/change-my-password")).changeMyPassword;
const changeEmail = async () => (await import("@/lib/actions/account/change-my-email")).changeMyEmail;
const confirmEmail = async () => (await import("@/lib/actions/account/confirm-new-email")).confirmNewEmail;

describe("changing the password", () => {
  it("keeps this session signed in and ends every other, and tells the account's address", async () => {
    const user = await newUser();
    // Two devices signed in: this one, and a phone left somewhere.
    const here = { id: String(user.id), sv: user.sv };
    const phone = { id: String(user.id), sv: user.sv };
    const outcome = await callAs(
      here,
      changePassword,
      { ok: false },
      form({ current: password, password: "a new long password", confirm: "a new long password" }),
    );
    expect(outcome.digest).toBe("NEXT_REDIRECT;replace;/dashboard/account?changed=password;307;");
    const row = await userRow(user.id);
    expect(await verifyPassword(row.passwordHash, "a new long password")).toBe(true);
    expect(row.sessionVersion).toBe(user.sv + 1);
    // The phone's saved session opens nothing; this device was signed in again, under the new version.
    expect(await viewerFor(phone)).toBeNull();
    const renewed = state.signedIn.at(-1)!;
    expect(renewed).toEqual({ id: user.id, sv: user.sv + 1 });
    expect(await viewerFor({ id: String(renewed.id), sv: renewed.sv })).toMatchObject({ userId: user.id });
    const notices = await t.db
      .select()
      .from(emails)
      .where(and(eq(emails.toAddress, user.email), like(emails.eventKey, "password-changed:%")));
    expect(notices).toHaveLength(1);
  });

  it("refuses a wrong current password, a mismatched confirmation or a short password, changing nothing", async () => {
    const user = await newUser();
    const here = { id: String(user.id), sv: user.sv };
    const before = await userRow(user.id);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ current: "not my password", password: "a new long password", confirm: "a new long password" }, { current: "That is not your current password." }],
      [{ current: password, password: "a new long password", confirm: "a new long passwore" }, { confirm: expect.stringMatching(/do not match/) }],
      [{ current: password, password: "short", confirm: "short" }, { password: "Choose a password of at least 10 characters." }],
      [{ current: password, password, confirm: password }, { password: "Choose a password different from your current one." }],
    ];
    for (const [fields, fieldErrors] of cases) {
      const outcome = await callAs(here, changePassword, { ok: false }, form(fields));
      expect(outcome.result).toMatchObject({ ok: false, fieldErrors });
    }
    expect(await userRow(user.id)).toEqual(before);
  });

  it("the signed-out are sent to sign in", async () => {
    const outcome = await callAs(
      null,
      changePassword,
      { ok: false },
      form({ current: password, password: "a new long password", confirm: "a new long password" }),
    );
    expect(outcome.digest).toBe("NEXT_REDIRECT;replace;/sign-in;307;");
  });
});

describe("changing the email", () => {
  async function mailsTo(address: string) {
    return t.db.select().from(emails).where(eq(emails.toAddress, address));
  }
  const tokenIn = (mail: { data: unknown }) => new URL((mail.data as { url: string }).url).searchParams.get("token")!;

  it("sends a link to the new address and a notice to the old; the email changes only when the link is confirmed, once", async () => {
    const user = await newUser();
    const here = { id: String(user.id), sv: user.sv };
    const outcome = await callAs(here, changeEmail, { ok: false }, form({ current: password, email: "  New.Address@Example.test " }));
    expect(outcome.result).toMatchObject({ ok: true, message: expect.stringContaining("We sent a link to new.address@example.test") });
    expect((await userRow(user.id)).email).toBe(user.email);
    const [link] = await mailsTo("new.address@example.test");
    expect(link).toMatchObject({ template: "change_email", userId: user.id });
    expect((link!.data as { url: string }).url).toMatch(/\/confirm-email\?token=[A-Za-z0-9_-]{43}$/);
    const [notice] = await mailsTo(user.email);
    expect(notice).toMatchObject({ template: "notification" });
    expect((notice!.data as { body: string[] }).body[0]).toContain("new.address@example.test");

    state.now = new Date("2026-11-16T11:00:00Z");
    const confirmed = await callAs(null, confirmEmail, tokenIn(link!));
    expect(confirmed.result).toEqual({ ok: true, message: "Done: your account now signs in with new.address@example.test." });
    const row = await userRow(user.id);
    expect(row.email).toBe("new.address@example.test");
    expect(row.emailVerifiedAt).toEqual(state.now);
    // Sessions stay: the change needed the password and the new inbox.
    expect(row.sessionVersion).toBe(user.sv);
    // The old address hears of it.
    expect((await mailsTo(user.email)).map((m) => (m.data as { title: string }).title)).toContain("Your sign-in email was changed");
    // Once only.
    expect((await callAs(null, confirmEmail, tokenIn(link!))).result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired or was already used/),
    });
  });

  it("an address another account has: the same answer, and nothing is sent to anyone", async () => {
    const owner = await newUser();
    const user = await newUser();
    const before = await t.db.select().from(emails);
    const outcome = await callAs(
      { id: String(user.id), sv: user.sv },
      changeEmail,
      { ok: false },
      form({ current: password, email: owner.email.toUpperCase() }),
    );
    expect(outcome.result).toMatchObject({ ok: true, message: expect.stringContaining(`We sent a link to ${owner.email}`) });
    expect(await t.db.select().from(emails)).toEqual(before);
    expect((await userRow(user.id)).email).toBe(user.email);
  });

  it("if the new address is taken before the link is confirmed, nothing changes; a link expires after 24 hours", async () => {
    const user = await newUser();
    state.now = new Date("2026-11-20T12:00:00Z");
    await callAs({ id: String(user.id), sv: user.sv }, changeEmail, { ok: false }, form({ current: password, email: "contested@example.test" }));
    const [link] = await mailsTo("contested@example.test");
    await t.db.insert(users).values({ email: "Contested@Example.test", name: "Quicker", passwordHash: "x" });
    expect((await callAs(null, confirmEmail, tokenIn(link!))).result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Another account uses that address/),
    });
    expect((await userRow(user.id)).email).toBe(user.email);

    await callAs({ id: String(user.id), sv: user.sv }, changeEmail, { ok: false }, form({ current: password, email: "slow@example.test" }));
    const [slow] = await mailsTo("slow@example.test");
    state.now = new Date("2026-11-21T12:00:00Z");
    expect((await callAs(null, confirmEmail, tokenIn(slow!))).result).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    expect((await userRow(user.id)).email).toBe(user.email);
  });

  it("refuses a wrong current password or the same address, sending nothing", async () => {
    const user = await newUser();
    const before = await t.db.select().from(emails);
    const here = { id: String(user.id), sv: user.sv };
    expect((await callAs(here, changeEmail, { ok: false }, form({ current: "wrong password", email: "elsewhere@example.test" }))).result).toMatchObject({
      ok: false,
      fieldErrors: { current: "That is not your current password." },
    });
    expect((await callAs(here, changeEmail, { ok: false }, form({ current: password, email: user.email.toUpperCase() }))).result).toMatchObject({
      ok: false,
      fieldErrors: { email: "That is already your email." },
    });
    expect(await t.db.select().from(emails)).toEqual(before);
  });
});
