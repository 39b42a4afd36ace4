import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import { hashPassword } from "@/lib/auth/password";
import { RETAIL } from "@/lib/commissions";
import { STATUS_PAID, syntheticCompany, type SyntheticCompany } from "@/lib/commissions/synthetic";
import { copyChunks, copyIn } from "@/lib/ledger/storage";
import { lockLedger, type Tx } from "@/lib/ledger/db";
import { rewritePeriod } from "@/lib/ledger/full-run";
import { monthOf } from "@/lib/periods";
import { demoProducts, firstNames, lastNames } from "./catalog";
import { demoLogins, demoPassword, isDatabaseEmpty } from "./demo";

// A synthetic company of any size (benchmarks, dashboard tests at scale), written
// straight into an empty database with set-based statements: 1M distributors and
// 3M orders in minutes instead of the hours placeOrder would take one by one.
// Distributor i of lib/commissions/synthetic.ts gets id i + 1 (sponsors before
// recruits) and user id i + 1; order o gets id o + 1. Every login shares the demo
// password; the admin is admin@example.com.

export interface LargeSeedOptions {
  distributors: number;
  orders: number;
  seed?: number;
  /** Orders fall in the calendar month of `now`, before it. */
  now: Date;
  /** Progress lines (e.g. console.info); silent by default. */
  log?: (line: string) => void;
}

/** A distributor picked for the size of their downline (everyone below them). */
export interface TeamLeader {
  id: number;
  downline: number;
}

export interface LargeSeedResult {
  distributors: number;
  orders: number;
  periodId: number;
  lines: number;
  /** The distributors whose downlines are closest to 100,000, 10,000 and 1,000, in that order. */
  leaders: TeamLeader[];
  /** Milliseconds per phase (load, recompute). */
  timings: Record<string, number>;
}

export const LEADER_TARGETS = [100_000, 10_000, 1_000] as const;

const CHUNK = 100_000;

/** Depth and materialised path of synthetic distributor i (id i + 1), exactly as migration 0001's trigger derives them. */
export function treePaths(sponsor: Int32Array): { depth: Int32Array; pathOf: (i: number) => string } {
  const depth = new Int32Array(sponsor.length);
  for (let i = 0; i < sponsor.length; i++) {
    const s = sponsor[i]!;
    depth[i] = s < 0 ? 0 : depth[s]! + 1;
  }
  // Walked per row rather than kept: a million flat path strings would hold ~250 MB.
  const pathOf = (i: number): string => {
    const ids = new Array<number>(depth[i]! + 1);
    for (let k = depth[i]!, j = i; k >= 0; k--, j = sponsor[j]!) ids[k] = j + 1;
    return ids.join(".");
  };
  return { depth, pathOf };
}

/** Per synthetic distributor, the size of their downline. */
export function downlineSizes(sponsor: Int32Array): Int32Array {
  const size = new Int32Array(sponsor.length);
  for (let i = sponsor.length - 1; i >= 0; i--) {
    const s = sponsor[i]!;
    if (s >= 0) size[s]! += size[i]! + 1;
  }
  return size;
}

/** The distributors whose downline sizes are closest to each target (lowest id on ties). */
export function pickLeaders(sponsor: Int32Array, targets: readonly number[] = LEADER_TARGETS): TeamLeader[] {
  const size = downlineSizes(sponsor);
  return targets.map((target) => {
    let best = 0;
    for (let i = 1; i < size.length; i++) if (Math.abs(size[i]! - target) < Math.abs(size[best]! - target)) best = i;
    return { id: best + 1, downline: size[best] ?? 0 };
  });
}

async function loadCompany(tx: Tx, s: SyntheticCompany, passwordHash: string, now: Date, lap: (name: string) => void): Promise<number> {
  const n = s.company.sponsor.length;
  const m = s.orders.seller.length;
  await tx.execute(sql`insert into company (name, currency) values ('Synthetic Wellness (large)', 'USD')`);
  await tx.execute(sql`insert into shipping_rates (country, rate_cents) values ('US', 0)`);
  const [plan] = await queryRows<{ id: number }>(
    tx,
    sql`insert into compensation_plans (version, active_min_pv, personal_bps, levels_bps, compression)
        values (1, ${s.plan.activeMinPv}, ${s.plan.personalBps}, ${pgArray(s.plan.levelsBps)}::int[], ${s.plan.compression}) returning id`,
  );
  for (const [position, r] of s.plan.ranks.entries()) {
    await tx.execute(sql`insert into plan_ranks (plan_id, position, name, min_pv, min_gv, paid_levels)
                         values (${plan!.id}, ${position}, ${r.name}, ${r.minPv}, ${r.minGv}, ${r.paidLevels})`);
  }
  const month = monthOf(now);
  const [period] = await queryRows<{ id: number }>(
    tx,
    sql`insert into commission_periods (starts_on, ends_on, plan_id) values (${month.startsOn}, ${month.endsOn}, ${plan!.id}) returning id`,
  );
  const productIds: number[] = [];
  for (const p of demoProducts) {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into products (sku, name, description, image_url, price_cents, pv, cv_cents)
          values (${p.sku}, ${p.name}, ${p.description}, ${`/products/${p.sku.toLowerCase()}.svg`}, ${p.priceCents}, ${p.pv}, ${p.cvCents}) returning id`,
    );
    productIds.push(row!.id);
  }

  // Users are generated in SQL: nothing about them varies but the number.
  for (let from = 1; from <= n; from += CHUNK) {
    await tx.execute(sql`
      insert into users (id, email, name, role, password_hash, email_verified_at) overriding system value
      select i, 'rep-' || i || '@example.com', (${pgArray(firstNames)}::text[])[1 + i % ${firstNames.length}] || ' ' || (${pgArray(lastNames)}::text[])[1 + (i / ${firstNames.length}) % ${lastNames.length}],
             'distributor', ${passwordHash}, ${now.toISOString()}::timestamptz
      from generate_series(${from}::int, ${Math.min(n, from + CHUNK - 1)}::int) i`);
  }
  await tx.execute(sql`insert into users (id, email, name, role, password_hash, email_verified_at) overriding system value
                       values (${n + 1}, ${demoLogins.admin}, 'Avery Admin', 'admin', ${passwordHash}, ${now.toISOString()}::timestamptz)`);
  lap("users");

  // Paths and depths come from JS, with the per-row path trigger off for the load: it
  // would look every sponsor up one row at a time. treePaths mirrors the trigger (tested).
  // Rows go in through COPY (identity columns take the given ids).
  const { depth, pathOf } = treePaths(s.company.sponsor);
  const nowMs = now.getTime();
  await tx.execute(sql`alter table distributors disable trigger distributors_set_path_insert`);
  // Likewise the team rollup of members (migration 0006), rebuilt once, set-based, below:
  // a quarter of the time its per-statement trigger takes over a million members.
  const [members] = await queryRows<{ present: boolean }>(
    tx,
    sql`select to_regprocedure('team_rollup_rebuild_members()') is not null
               and exists (select 1 from pg_trigger where tgname = 'team_rollup_members_insert' and tgrelid = 'distributors'::regclass) as present`,
  );
  if (members?.present) await tx.execute(sql`alter table distributors disable trigger team_rollup_members_insert`);
  for (let from = 0; from < n; from += CHUNK) {
    const rows = copyChunks(Math.min(CHUNK, n - from), (k) => {
      const i = from + k;
      const id = i + 1;
      const sp = s.company.sponsor[i]!;
      const joined = new Date(nowMs - ((n - i) / n) * 1825 * 86_400_000).toISOString();
      const status = s.company.terminated[i] === 1 ? "terminated" : "active";
      return `${id}\t${id}\t${sp < 0 ? "\\N" : sp + 1}\trep-${id}\t${status}\t${pathOf(i)}\t${depth[i]}\t${joined}\tseed\n`;
    });
    await copyIn(tx, "distributors (id, user_id, sponsor_id, referral_code, status, path, depth, joined_at, enrolled_via)", rows);
  }
  await tx.execute(sql`alter table distributors enable trigger distributors_set_path_insert`);
  if (members?.present) {
    await tx.execute(sql`alter table distributors enable trigger team_rollup_members_insert`);
    await tx.execute(sql`select team_rollup_rebuild_members()`);
  }
  lap("distributors");

  // Orders: spread over the month so far; one line each, at the order's own figures.
  const start = Date.parse(`${month.startsOn}T00:00:00Z`);
  const span = Math.max(1, Math.floor((nowMs - start) / 1000));
  const o = s.orders;
  const statuses = ["paid", "refunded", "cancelled"];
  for (let from = 0; from < m; from += CHUNK) {
    const rows = copyChunks(Math.min(CHUNK, m - from), (k) => {
      const i = from + k;
      const id = i + 1;
      const retail = o.kind[i] === RETAIL;
      const cv = o.cv[i]!;
      const at = new Date(start + ((id * 7919) % span) * 1000).toISOString();
      const refunded = o.status[i] === STATUS_PAID ? "\\N\t\\N\t\\N" : `${at}\tsynthetic\t${period!.id}`;
      const customer = retail ? `Customer ${id}\tcustomer.${id}@example.net` : "\\N\t\\N";
      const total = Math.floor((cv * 5) / 4);
      // Paid (then perhaps refunded) when placed, free shipping: subtotal = total.
      return `${id}\t${o.seller[i]! + 1}\t${period!.id}\t${retail ? "retail" : "personal"}\t${statuses[o.status[i]!]}\t${customer}\t${total}\t${total}\t${o.pv[i]}\t${cv}\t${at}\t${at}\t${refunded}\n`;
    });
    const columns =
      "id, seller_id, period_id, kind, status, customer_name, customer_email, subtotal_cents, total_cents, pv, cv_cents, created_at, paid_at, refunded_at, refund_reason, refund_period_id";
    await copyIn(tx, `orders (${columns})`, rows);
  }
  lap("orders");
  for (let from = 0; from < m; from += CHUNK) {
    await tx.execute(sql`
      insert into order_lines (order_id, product_id, quantity, unit_price_cents, unit_pv, unit_cv_cents)
      select id, (${pgArray(productIds)}::int[])[1 + id % ${productIds.length}], 1, total_cents, pv, cv_cents
      from orders where id between ${from + 1} and ${Math.min(m, from + CHUNK)} order by id`);
  }
  lap("order lines");
  for (const table of ["users", "distributors", "orders"]) {
    await tx.execute(sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.identifier(table)}))`);
  }
  return period!.id;
}

const BULK_TABLES = ["users", "distributors", "orders", "order_lines", "commission_ledger", "distributor_period_stats"];

/**
 * Drops the foreign keys and secondary indexes of the tables the seed fills and
 * returns the statements that put them back, read from the catalog (so they are
 * exactly the migrations'). Checking 13M ledger lines' four foreign keys one row
 * at a time takes minutes; validating each key with one join takes seconds.
 */
async function dropForBulkLoad(tx: Tx): Promise<string[]> {
  const keys = await queryRows<{ tbl: string; name: string; def: string }>(
    tx,
    sql`select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
        from pg_constraint where contype = 'f' and conrelid::regclass::text = any(${pgArray(BULK_TABLES)}::text[])`,
  );
  const indexes = await queryRows<{ name: string; def: string }>(
    tx,
    sql`select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index i
        where indrelid::regclass::text = any(${pgArray(BULK_TABLES)}::text[])
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  for (const k of keys) await tx.execute(sql`alter table ${sql.identifier(k.tbl)} drop constraint ${sql.identifier(k.name)}`);
  for (const i of indexes) await tx.execute(sql`drop index ${sql.identifier(i.name)}`);
  return [...indexes.map((i) => i.def), ...keys.map((k) => `alter table "${k.tbl}" add constraint "${k.name}" ${k.def}`)];
}

/**
 * Seeds a synthetic company (lib/commissions/synthetic.ts: heavy-tailed tree,
 * legs 30+ deep, ~40% active) into an empty database, then builds the open
 * period's ledger and volume snapshot with a full run (rewritePeriod, what
 * recomputePeriod runs). All in one transaction: a failure leaves the database
 * empty, never half-seeded or without its keys.
 */
export async function seedLargeCompany(db: Database, options: LargeSeedOptions): Promise<LargeSeedResult> {
  if (!(await isDatabaseEmpty(db))) throw new Error("The database already has users: the large company is only seeded into an empty database.");
  const log = options.log ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    timings[name] = Math.round(performance.now() - t);
    log(`${name}: ${timings[name]} ms`);
    t = performance.now();
  };
  const s = syntheticCompany({ distributors: options.distributors, orders: options.orders, seed: options.seed });
  const passwordHash = await hashPassword(demoPassword);
  lap("generate");
  const { periodId, lines } = await db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    const restore = await dropForBulkLoad(tx);
    const id = await loadCompany(tx, s, passwordHash, options.now, lap);
    await tx.execute(sql`analyze`);
    await lockLedger(tx);
    // The team rollups (migration 0006) follow the stats through statement triggers and
    // offer bulk writers a deferred mode plus one set-based rebuild: used when present.
    const [rollups] = await queryRows<{ present: boolean }>(tx, sql`select to_regprocedure('team_rollup_rebuild_period(integer)') is not null as present`);
    if (rollups?.present) await tx.execute(sql`set local lineage.team_rollup = 'deferred'`);
    const counts = await rewritePeriod(tx, id);
    if (rollups?.present) {
      await tx.execute(sql`set local lineage.team_rollup = ''`);
      await tx.execute(sql`select team_rollup_rebuild_period(${id})`);
    }
    await tx.execute(sql`update commission_periods set needs_recompute = false, recomputed_at = now() where id = ${id}`);
    lap("full run");
    for (const statement of restore) await tx.execute(sql.raw(statement));
    lap("keys and indexes");
    return { periodId: id, lines: counts.lines };
  });
  lap("commit");
  // As after any bulk load (pg_restore does the same): set hint bits and the
  // visibility map now, rather than on the first orders' reads.
  await db.execute(sql`vacuum (analyze)`);
  lap("vacuum");
  return {
    distributors: s.company.sponsor.length,
    orders: s.orders.seller.length,
    periodId,
    lines,
    leaders: pickLeaders(s.company.sponsor),
    timings,
  };
}
