// Sign-out and termination end a user's sessions on the server: a token saved
// before (the security review replayed one for 7 days) no longer opens anything.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";
import { terminateDistributor } from "@/lib/admin/distributors";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({ db: null as Database | null, token: null as { id: string; sv?: number | null } | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.token ? { user: state.token } : null) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("next/navigation", () => ({ notFound: vi.fn(), redirect: vi.fn() }));

const { revokeSessions } = await import("./sessions");

let t: TestDatabase;
let co: TestCompany;
let admin: number;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  co = await createCompany(t.db, [null, 0, 1]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

async function userOf(distributorIndex: number): Promise<{ id: number; sv: number }> {
  const [row] = await t.db
    .select({ id: users.id, sv: users.sessionVersion })
    .from(users)
    .innerJoin(distributors, eq(distributors.userId, users.id))
    .where(eq(distributors.id, co.ids[distributorIndex]!));
  return row!;
}

/** getViewer's answer for a token, outside React's per-request cache. */
async function viewerFor(token: { id: string; sv?: number | null } | null) {
  state.token = token;
  vi.resetModules();
  return (await import("./session")).getViewer();
}

describe("session versions", () => {
  it("a token of the current version is signed in; one without a version (minted before versions) is not", async () => {
    const user = await userOf(1);
    expect(await viewerFor({ id: String(user.id), sv: user.sv })).toMatchObject({ userId: user.id, distributorId: co.ids[1] });
    expect(await viewerFor({ id: String(user.id) })).toBeNull();
    expect(await viewerFor({ id: String(user.id), sv: null })).toBeNull();
  });

  it("after a sign-out (revokeSessions), every token saved before is refused; a new sign-in works", async () => {
    const before = await userOf(1);
    await revokeSessions(t.db, before.id);
    const after = await userOf(1);
    expect(after.sv).toBe(before.sv + 1);
    expect(await viewerFor({ id: String(before.id), sv: before.sv })).toBeNull();
    expect(await viewerFor({ id: String(after.id), sv: after.sv })).toMatchObject({ userId: after.id });
  });

  it("terminating a distributor ends their sessions", async () => {
    const before = await userOf(2);
    expect(await viewerFor({ id: String(before.id), sv: before.sv })).not.toBeNull();
    await terminateDistributor(t.db, admin, co.ids[2]!);
    expect(await viewerFor({ id: String(before.id), sv: before.sv })).toBeNull();
    expect((await userOf(2)).sv).toBe(before.sv + 1);
  });
});
