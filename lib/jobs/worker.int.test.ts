import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { enqueueJob } from "./queue";
import { startWorker, type JobHandlers } from "./worker";

// The worker's loop: recurring jobs queued once per period, due jobs run until
// none is left, and `concurrency` jobs side by side.

let t: TestDatabase;
const at = new Date("2026-12-03T10:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

const statuses = () => queryRows<{ key: string; status: string }>(t.db, sql`select key, status from jobs order by id`);

describe("the job worker", () => {
  it("runs `concurrency` jobs side by side, each once", async () => {
    for (let i = 0; i < 6; i++) await enqueueJob(t.db, { kind: "test.wait", key: `wait-${i}`, at });
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const handlers: JobHandlers = {
      "test.wait": async ({ job }) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        ran.push(job.key);
        running--;
      },
    };
    const worker = startWorker(t.db, handlers, { clock: () => at, pollMs: 60_000, concurrency: 3 });
    await worker.tick();
    await worker.stop();
    expect(most).toBe(3);
    expect(ran.toSorted()).toEqual(["wait-0", "wait-1", "wait-2", "wait-3", "wait-4", "wait-5"]);
    expect((await statuses()).every((r) => r.status === "done")).toBe(true);
  });

  it("queues a recurring job once per period however often it ticks", async () => {
    let runs = 0;
    const worker = startWorker(
      t.db,
      { "test.hourly": async () => void runs++ },
      { clock: () => at, pollMs: 60_000, recurring: [{ kind: "test.hourly", keyFor: (now) => `test.hourly:${now.toISOString().slice(0, 13)}` }] },
    );
    await worker.tick();
    await worker.tick();
    await worker.stop();
    expect(runs).toBe(1);
  });
});
