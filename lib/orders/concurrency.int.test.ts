import { spawn, type ChildProcess } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/rows";
import { orders, type ShippingAddress } from "@/db/schema";
import { publishPlan } from "@/lib/admin/plan";
import { loadPeriodData } from "@/lib/ledger/full-run";
import { backgroundRollupsSettled } from "@/lib/ledger/rollups";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, smallPlan, type TestCompany } from "@/tests/fixtures/company";
import { confirmPayment } from "./confirm";
import { createOrder } from "./create";
import type { CreatedOrder, NewOrderInput, PaidOrder } from "./job";

// Real concurrency needs real connections: these run on PostgreSQL (CI's second
// pass, TEST_DATABASE_URL); on the single-connection PGlite they would only
// prove that a queue is a queue. Confirmations come from several connection
// pools (each with its own batcher, as several app instances would) and from
// other processes.
const pgOnly = process.env.TEST_DATABASE_URL ? describe : describe.skip;

let t: TestDatabase;
let co: TestCompany;
/** Other pools on the same database: other app instances, each with its own batcher. */
let others: DatabaseHandle[] = [];
const at = new Date("2026-11-15T12:00:00Z");
const us: ShippingAddress = { name: "A Buyer", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" };

beforeAll(async () => {
  t = await createTestDatabase();
  // One downline: a chain with side legs, 40 distributors.
  co = await createCompany(
    t.db,
    Array.from({ length: 40 }, (_, i) => (i === 0 ? null : i < 20 ? i - 1 : (i * 7) % 20)),
  );
  if (t.url) others = await Promise.all([0, 1, 2].map(() => openPostgres(t.url!, { migrate: false, max: 3 })));
});
afterAll(async () => {
  for (const h of others) {
    await backgroundRollupsSettled(h.db);
    await h.close();
  }
  await t?.destroy();
});

const create = (spec: Pick<NewOrderInput, "sellerId" | "idempotencyKey"> & Partial<NewOrderInput>) =>
  createOrder(t.db, { kind: "personal", items: [{ productId: co.productIds[0]!, quantity: 1 }], shippingAddress: us, provider: "demo", at, ...spec });

/** The node process itself runs the child (tsx's CLI would fork a grandchild that outlives a kill). */
const confirmInChild = (order: CreatedOrder, reference: string, stdio: "ignore" | "pipe") =>
  spawn(
    process.execPath,
    ["--import", "tsx", "tests/fixtures/place-order-child.ts", t.url!, String(order.orderId), String(order.totalCents), at.toISOString(), reference],
    { stdio: ["ignore", stdio, "inherit"] },
  );

/** What a child printed, once it exits (it fails the test if the child failed). */
const childResult = (child: ChildProcess) =>
  new Promise<PaidOrder & { reference: string }>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as PaidOrder & { reference: string }) : reject(new Error(`child exited with ${code}`))));
  });

/** Waits until at least n other sessions wait for a lock in a statement matching `like`. */
async function lockWaiters(n: number, like: string) {
  for (let i = 0; i < 300; i++) {
    // Asked on another connection: pg_stat_activity is a snapshot within a transaction.
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like ${like}`,
    );
    if (row!.n >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${n} sessions wait for a lock`);
}

const orderLines = (orderId: number) =>
  queryRows<{ beneficiary_id: number; level: number; amount: number }>(
    t.db,
    sql`select beneficiary_id, level, amount_cents::float8 as amount from commission_ledger where order_id = ${orderId} order by level, beneficiary_id`,
  );
const statsOf = (sellerId: number) =>
  queryRows<{ period_id: number; pv: number; gv: number; active: boolean; rank_position: number | null }>(
    t.db,
    sql`select period_id, pv::float8 as pv, gv::float8 as gv, active, rank_position from distributor_period_stats where distributor_id = ${sellerId} order by period_id`,
  );
const allStats = () =>
  queryRows<{ period_id: number; distributor_id: number; pv: number }>(
    t.db,
    sql`select period_id, distributor_id, pv::float8 as pv, gv::float8 as gv, active, rank_position from distributor_period_stats order by 1, 2`,
  );
const allLines = () =>
  queryRows(t.db, sql`select period_id, order_id, beneficiary_id, level, kind, amount_cents::float8 as amount from commission_ledger order by id`);

async function expectReconciled() {
  for (const r of await reconcileOpenPeriods(t.db)) expect(r.differences).toEqual([]);
}

pgOnly("payment confirmations under concurrency (PostgreSQL)", () => {
  it("50 orders of one downline confirmed at once from several pools all count, and the ledger equals a full run", async () => {
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        create({
          sellerId: co.ids[(i * 13) % co.ids.length]!,
          kind: i % 3 === 0 ? "retail" : "personal",
          items: [{ productId: co.productIds[i % 3]!, quantity: 1 + (i % 2) }],
          idempotencyKey: `concurrent-${i}`,
        }),
      ),
    );
    expect(new Set(made.map((m) => m.orderId)).size).toBe(50);
    const pools = [t.db, ...others.map((h) => h.db)];
    const results = await Promise.all(
      made.map((m, i) =>
        confirmPayment(pools[i % pools.length]!, { orderId: m.orderId, provider: "demo", reference: `concurrent-${i}`, amountCents: m.totalCents, at }),
      ),
    );
    expect(results.every((r) => r.confirmed)).toBe(true);
    await expectReconciled();
  });

  it("20 concurrent submits with one idempotency key make one order", async () => {
    const input = { sellerId: co.ids[5]!, idempotencyKey: "one-key" };
    const results = await Promise.all(Array.from({ length: 20 }, () => create(input)));
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await t.db.select().from(orders).where(eq(orders.idempotencyKey, "one-key"))).toHaveLength(1);
  });

  it("20 concurrent confirmations of one order, from several pools and processes, pay it once", async () => {
    // A webhook delivered many times at once, the buyer's return, other instances:
    // all released together once they wait on the order's row.
    const seller = co.ids[12]!;
    const order = await create({ sellerId: seller, items: [{ productId: co.productIds[2]!, quantity: 1 }], idempotencyKey: "raced" });
    const statsBefore = await statsOf(seller);
    const inProcess: Promise<PaidOrder & { reference: string }>[] = [];
    let children: Promise<PaidOrder & { reference: string }>[] = [];
    const submit = (k: number) => {
      const reference = `pool-${k}`;
      const paid = confirmPayment(others[k % 3]!.db, { orderId: order.orderId, provider: "demo", reference, amountCents: order.totalCents, at });
      inProcess.push(paid.then((p) => ({ reference, ...p })));
    };
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from orders where id = ${order.orderId} for update`);
      children = [0, 1].map((k) => childResult(confirmInChild(order, `child-${k}`, "pipe")));
      // 3 pools: 3 confirmations each join one batch (one claim), which waits on the row with the children's...
      for (let k = 0; k < 9; k++) submit(k);
      await lockWaiters(5, "%update orders set status = 'paid'%");
      // ...and 3 more each form the pool's next batch, waiting in the process for the first's claim.
      for (let k = 9; k < 18; k++) submit(k);
    });
    const results = await Promise.all([...inProcess, ...children]);
    expect(results).toHaveLength(20);
    const winners = results.filter((r) => r.confirmed);
    expect(winners).toHaveLength(1);
    expect(new Set(results.map((r) => r.periodId)).size).toBe(1);
    const [row] = await t.db.select().from(orders).where(eq(orders.id, order.orderId));
    expect(row).toMatchObject({ status: "paid", paymentReference: winners[0]!.reference, periodId: winners[0]!.periodId });
    // One set of lines (each beneficiary and level once), and the seller's PV up by the order's once.
    const lines = await orderLines(order.orderId);
    expect(new Set(lines.map((l) => `${l.beneficiary_id}:${l.level}`)).size).toBe(lines.length);
    const statsAfter = await statsOf(seller);
    expect(statsAfter.map((s) => s.pv - (statsBefore.find((b) => b.period_id === s.period_id)?.pv ?? 0))).toEqual([120]);
    await expectReconciled();
  }, 60_000);

  it("a process killed in the middle of a confirmation leaves the order unpaid and uncounted; a redelivery pays it once", async () => {
    // The child claims the order and takes the ledger, then blocks on the seller's
    // volume row, which this test holds locked; it is killed right there, mid-transaction.
    const seller = co.ids[7]!;
    const warmUp = await create({ sellerId: seller, idempotencyKey: "warm-up" });
    await confirmPayment(t.db, { orderId: warmUp.orderId, provider: "demo", reference: "warm-up", amountCents: warmUp.totalCents, at });
    const order = await create({ sellerId: seller, items: [{ productId: co.productIds[1]!, quantity: 1 }], idempotencyKey: "killed-order" });
    const statsBefore = await allStats();
    const linesBefore = await allLines();
    const child = confirmInChild(order, "killed", "ignore");
    await t.db.transaction(async (tx) => {
      const held = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from (select 1 from distributor_period_stats where distributor_id = ${seller} for update) x`,
      );
      expect(held[0]!.n).toBeGreaterThan(0);
      await lockWaiters(1, "%distributor_period_stats%");
      // The child holds the ledger lock: it has claimed the order (uncommitted) and is updating the ledger.
      const [claimed] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where a.datname = current_database() and l.locktype = 'advisory' and l.granted and a.wait_event_type = 'Lock'`,
      );
      expect(claimed!.n).toBe(1);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    });
    // The server rolls the dead connection's transaction back: the order as it was, nothing half-written.
    for (let i = 0; i < 50; i++) {
      const busy = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like '%distributor_period_stats%' and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      if (busy[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await t.db.select().from(orders).where(eq(orders.id, order.orderId)))[0]).toMatchObject({
      status: "pending_payment",
      periodId: null,
      paidAt: null,
      paymentReference: null,
    });
    expect(await orderLines(order.orderId)).toEqual([]);
    expect(await allStats()).toEqual(statsBefore);
    expect(await allLines()).toEqual(linesBefore);
    await expectReconciled();

    // The provider delivers the confirmation again: paid once, counted once.
    const redelivered = await confirmPayment(t.db, { orderId: order.orderId, provider: "demo", reference: "killed", amountCents: order.totalCents, at });
    expect(redelivered.confirmed).toBe(true);
    const again = await confirmPayment(t.db, { orderId: order.orderId, provider: "demo", reference: "killed", amountCents: order.totalCents, at });
    expect(again).toEqual({ ...redelivered, confirmed: false });
    expect((await t.db.select().from(orders).where(eq(orders.id, order.orderId)))[0]).toMatchObject({ status: "paid", paymentReference: "killed" });
    const sellerBefore = statsBefore.find((s) => s.distributor_id === seller)!;
    expect((await statsOf(seller))[0]!.pv).toBe(sellerBefore.pv + 40);
    await expectReconciled();
  }, 60_000);

  it("under the retail customer rule, sellers reaching it in a batch repay the orders below them, and count each customer once", async () => {
    // Last: it publishes a plan with the rule (every open period is recomputed on it).
    await publishPlan(t.db, await createAdmin(t.db), { ...smallPlan, retailMinCustomers: 2 });
    const pay = async (m: CreatedOrder, reference: string, db = t.db) =>
      confirmPayment(db, { orderId: m.orderId, provider: "demo", reference, amountCents: m.totalCents, at });
    // The top of the chain active and Silver, and orders below it whose levels reach it.
    for (let i = 0; i < 12; i++) {
      const m = await create({ sellerId: co.ids[i]!, items: [{ productId: co.productIds[2]!, quantity: 2 }], idempotencyKey: `customers-setup-${i}` });
      await pay(m, `customers-setup-${i}`);
    }
    // Then at once: each of the top 6 sells to ann, ANN (the same customer) and bob, so reaches 2 customers inside a batch.
    const emails = ["ann@example.net", "ANN@example.net", "bob@example.net"];
    const made = await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        create({
          sellerId: co.ids[i % 6]!,
          kind: "retail",
          customer: { name: "A customer", email: emails[Math.floor(i / 6)]! },
          items: [{ productId: co.productIds[0]!, quantity: 1 }],
          idempotencyKey: `customers-${i}`,
        }),
      ),
    );
    const pools = [t.db, ...others.map((h) => h.db)];
    const results = await Promise.all(made.map((m, i) => pay(m, `customers-${i}`, pools[i % pools.length]!)));
    expect(results.every((r) => r.confirmed)).toBe(true);
    await expectReconciled();
    const periodId = results[0]!.periodId;
    const data = await loadPeriodData(t.db, periodId);
    const stored = await queryRows<{ distributor_id: number; n: number }>(
      t.db,
      sql`select distributor_id, retail_customers as n from distributor_period_stats where period_id = ${periodId} and retail_customers > 0 order by 1`,
    );
    expect(stored).toEqual(
      Array.from(data.ids)
        .map((id, i) => ({ distributor_id: id, n: data.retailCustomersByDistributor[i]! }))
        .filter((r) => r.n > 0),
    );
    expect(stored.map((r) => r.n)).toEqual([2, 2, 2, 2, 2, 2]);
  }, 60_000);
});
