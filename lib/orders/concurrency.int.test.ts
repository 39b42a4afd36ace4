import { spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { orders } from "@/db/schema";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { placeOrder } from "./place";

// Real concurrency needs real connections: these run on PostgreSQL (CI's second
// pass, TEST_DATABASE_URL); on the single-connection PGlite they would only
// prove that a queue is a queue.
const pgOnly = process.env.TEST_DATABASE_URL ? describe : describe.skip;

let t: TestDatabase;
let co: TestCompany;

beforeAll(async () => {
  t = await createTestDatabase();
  // One downline: a chain with side legs, 40 distributors.
  co = await createCompany(
    t.db,
    Array.from({ length: 40 }, (_, i) => (i === 0 ? null : i < 20 ? i - 1 : (i * 7) % 20)),
  );
});
afterAll(async () => {
  await t?.destroy();
});

pgOnly("orders under concurrency (PostgreSQL)", () => {
  it("50 concurrent orders in one downline all land, and the ledger equals a full run", async () => {
    const at = new Date("2026-11-15T12:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        placeOrder(t.db, {
          sellerId: co.ids[(i * 13) % co.ids.length]!,
          kind: i % 3 === 0 ? "retail" : "personal",
          items: [{ productId: co.productIds[i % 3]!, quantity: 1 + (i % 2) }],
          idempotencyKey: `concurrent-${i}`,
          at,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.orderId)).size).toBe(50);
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
  });

  it("20 concurrent submits with one idempotency key make one order", async () => {
    const input = {
      sellerId: co.ids[5]!,
      kind: "personal" as const,
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      idempotencyKey: "one-key",
      at: new Date("2026-11-15T12:00:00Z"),
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => placeOrder(t.db, input)));
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await t.db.select().from(orders).where(eq(orders.idempotencyKey, "one-key"))).toHaveLength(1);
  });

  it("a process killed in the middle of an order leaves the whole order or nothing", async () => {
    // The child writes its order and lines, then blocks on the seller's volume row,
    // which this test holds locked; the child is killed right there, mid-transaction.
    const seller = co.ids[7]!;
    await placeOrder(t.db, {
      sellerId: seller,
      kind: "personal",
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      idempotencyKey: "warm-up",
      at: new Date("2026-11-15T12:00:00Z"),
    });
    const before = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from orders`);
    // node itself runs the child (tsx's CLI would fork a grandchild that outlives the kill).
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/fixtures/place-order-child.ts", t.url!, String(seller), String(co.productIds[1]), "2026-11-15T12:00:00Z"],
      {
        stdio: "ignore",
      },
    );
    await t.db.transaction(async (tx) => {
      const held = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from (select 1 from distributor_period_stats where distributor_id = ${seller} for update) x`,
      );
      expect(held[0]!.n).toBeGreaterThan(0);
      let waiting = false;
      for (let i = 0; i < 150 && !waiting; i++) {
        await new Promise((r) => setTimeout(r, 100));
        // Asked on another connection: pg_stat_activity is a snapshot within a transaction.
        const rows = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%distributor_period_stats%'`,
        );
        waiting = rows[0]!.n > 0;
      }
      expect(waiting).toBe(true);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    });
    // The server rolls the dead connection's transaction back: no order, no line, nothing half-written.
    for (let i = 0; i < 50; i++) {
      const busy = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like '%distributor_period_stats%' and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      if (busy[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from orders`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await t.db.select().from(orders).where(eq(orders.idempotencyKey, "killed-order"))).toHaveLength(0);
    for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
  });
});
