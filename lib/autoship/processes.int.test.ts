import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import type { ShippingAddress } from "@/db/schema";
import { LEASE_MS, runDueJobs } from "@/lib/jobs/worker";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { demoCards, saveDemoCard } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { createSubscription } from "./manage";
import { autoshipJobHandlers } from "./schedule";

// Autoship across processes, on PostgreSQL (several real connections): two app
// processes running the scheduler at once, and a process killed between the
// charge and the confirmation. Each cycle makes one order and one charge.
const pgOnly = process.env.TEST_DATABASE_URL ? describe : describe.skip;

let t: TestDatabase;
let co: TestCompany;
const us: ShippingAddress = { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };
const created = new Date("2026-11-02T10:00:00Z");

/** The node process itself runs the child (tsx's CLI would fork a grandchild that outlives a kill). */
function worker(at: Date, mode?: "die-after-charge"): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/autoship-worker-child.ts", t.url!, at.toISOString(), ...(mode ? [mode] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, out })));
}

async function subscribe(index: number, dayOfMonth: number) {
  const saved = await saveDemoCard(t.db, { distributorId: co.ids[index]!, card: { number: demoCards.success, expiry: "12/30", cvc: "123" }, at: created });
  if (!saved.ok) throw new Error(saved.message);
  return createSubscription(t.db, {
    distributorId: co.ids[index]!,
    items: [{ productId: co.productIds[index % 3]!, quantity: 1 + (index % 2) }],
    dayOfMonth,
    address: us,
    methodId: saved.methodId,
    at: created,
  });
}

const counts = async (cycle: string) =>
  (
    await queryRows<{ runs: number; paid: number; orders: number; charges: number }>(
      t.db,
      sql`select (select count(*)::int from subscription_runs where cycle = ${cycle}::date) as runs,
                 (select count(*)::int from subscription_runs where cycle = ${cycle}::date and status = 'paid') as paid,
                 (select count(*)::int from orders where idempotency_key like ${`autoship:%:${cycle}`}) as orders,
                 (select count(*)::int from demo_charges c join orders o on o.id = c.order_id where o.idempotency_key like ${`autoship:%:${cycle}`}) as charges`,
    )
  )[0]!;

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(
    t.db,
    Array.from({ length: 41 }, (_, i) => (i === 0 ? null : Math.floor(i / 2))),
  );
});
afterAll(async () => {
  await t?.destroy();
});

pgOnly("autoship in several processes", () => {
  it("two processes scheduling at once make one order and one charge per subscription and cycle", async () => {
    for (let i = 1; i <= 40; i++) await subscribe(i, 5);
    const at = new Date("2026-11-05T01:00:00Z");
    const [a, b] = await Promise.all([worker(at), worker(at)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // Both took part (SKIP LOCKED shares the jobs out), and between them ran each once.
    const ran = [a, b].map((r) => (JSON.parse(r.out) as { ran: number }).ran);
    expect(ran[0]! + ran[1]!).toBe(40);
    expect(await counts("2026-11-05")).toEqual({ runs: 40, paid: 40, orders: 40, charges: 40 });
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
  }, 120_000);

  it("a process killed between the charge and the confirmation leaves no duplicate, and the run completes after a restart", async () => {
    const at = new Date("2026-12-05T01:00:00Z");
    const killed = await worker(at, "die-after-charge");
    expect(killed.signal).toBe("SIGKILL");
    // One cycle was charged and left unconfirmed; its job is still leased to the dead process.
    const [charging] = await queryRows<{ status: string }>(t.db, sql`select status from subscription_runs where cycle = '2026-12-05' and status = 'charging'`);
    expect(charging).toBeDefined();
    expect((await counts("2026-12-05")).charges).toBe(1);
    // Restarted after the lease ran out: the dead process's job is taken over and finished with the same charge.
    const later = new Date(at.getTime() + LEASE_MS + 60_000);
    const restarted = await worker(later);
    expect(restarted.code).toBe(0);
    expect(await counts("2026-12-05")).toEqual({ runs: 40, paid: 40, orders: 40, charges: 40 });
    // And nothing is left to run.
    expect(await runDueJobs(t.db, autoshipJobHandlers, new Date(later.getTime() + 3_600_000))).toEqual({ ran: 0, failed: 0 });
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
  }, 120_000);
});
