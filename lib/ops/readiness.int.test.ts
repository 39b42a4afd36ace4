import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { markWorkerSeen } from "@/lib/jobs/status";
import { createTestDatabase, type TestDatabase } from "@/tests/db";

const state = vi.hoisted(() => ({ db: null as Database | null, down: false }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => {
    if (state.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    return state.db!;
  },
}));

const { checkReadiness } = await import("./readiness");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
});
afterAll(async () => {
  await t?.destroy();
});

const at = new Date("2026-12-03T12:00:00Z");

describe("readiness", () => {
  it("is not ready until the job worker has run, then ready", async () => {
    expect(await checkReadiness(at)).toEqual({ ready: false, checks: { database: "ok", migrations: "ok", worker: "not started" } });
    markWorkerSeen(new Date(at.getTime() - 1_000));
    expect(await checkReadiness(at)).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", worker: "ok" } });
  });

  it("a worker unseen for over five minutes is stalled", async () => {
    markWorkerSeen(new Date(at.getTime() - 5 * 60_000 - 1));
    expect((await checkReadiness(at)).checks.worker).toBe("stalled");
    markWorkerSeen(at);
  });

  it("an unreachable database, or one behind the build's migrations, is not ready, and the answer names no host", async () => {
    state.down = true;
    const down = await checkReadiness(at);
    state.down = false;
    expect(down).toEqual({ ready: false, checks: { database: "unreachable", migrations: "unknown", worker: "ok" } });
    expect(JSON.stringify(down)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
    expect(await checkReadiness(at)).toMatchObject({ ready: false, checks: { migrations: "pending" } });
  });
});
