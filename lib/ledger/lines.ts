import { sql, type SQL } from "drizzle-orm";
import { pgArray, queryRows } from "@/db/rows";
import type { PeriodResult } from "@/lib/commissions";
import type { Executor } from "./db";
import type { PeriodData } from "./period-data";
import { skippedText } from "./skipped";
import { copyChunks, copyIn, copyValue, lineDigests, queryPrepared, type IntList } from "./storage";

/** A commission line as the ledger stores it. */
export interface LedgerLine {
  orderId: number;
  beneficiaryId: number;
  sellerId: number;
  level: number;
  generation: number;
  rateBps: number;
  amountCents: number;
  /** The uplines compression skipped ("17,342t,9": see the schema), or null for none. */
  skipped: string | null;
}

const CHUNK = 20_000;

/** Sets orders' ledger digests (storage/digest.ts): a statement, or a CTE of one that writes their lines. */
export function setDigestsSql(digests: Map<number, number>): SQL {
  return sql`update orders o set ledger_digest = t.d
    from unnest(${pgArray([...digests.keys()])}::int[], ${pgArray([...digests.values()])}::bigint[]) as t(i, d) where o.id = t.i`;
}

/** The insert of lines of orders that have none yet (their digests: setDigestsSql). */
export function insertLinesSql(periodId: number, lines: LedgerLine[]): SQL {
  const col = <T>(f: (l: LedgerLine) => T) => lines.map(f);
  return sql`
    insert into commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, skipped)
    select ${periodId}, o, b, s, l, g, 'commission', r, a, e
    from unnest(${pgArray(col((l) => l.orderId))}::int[], ${pgArray(col((l) => l.beneficiaryId))}::int[], ${pgArray(col((l) => l.sellerId))}::int[],
                ${pgArray(col((l) => l.level))}::int[], ${pgArray(col((l) => l.generation))}::int[], ${pgArray(col((l) => l.rateBps))}::int[],
                ${pgArray(col((l) => l.amountCents))}::bigint[], ${pgArray(col((l) => l.skipped))}::text[])
      as t(o, b, s, l, g, r, a, e)`;
}

// Rows per COPY statement: each statement's closed-period trigger keeps its rows
// in a transition table, so one COPY of 13M rows would spill them all to disk.
const COPY_BATCH = 250_000;

/** Writes lines `which` (indexes into the run's lines) to the ledger through COPY; returns how many. */
export async function insertResultLines(db: Executor, periodId: number, data: PeriodData, result: PeriodResult, which: Int32Array): Promise<number> {
  const { lines } = result;
  const skips = result.explanations?.lineSkips;
  const { ids, depth, plan } = data;
  const seller = data.orders.seller;
  const prefix = `${periodId}\t`;
  const row = (i: number): string => {
    const o = lines.order[i]!;
    const s = seller[o]!;
    const b = lines.beneficiary[i]!;
    const level = lines.level[i]!;
    const rate = level === 0 ? plan.personalBps : plan.levelsBps[level - 1]!;
    const skipped = skips ? skippedText(skips, i, ids) : null;
    return `${prefix}${data.orderIds[o]}\t${ids[b]}\t${ids[s]}\t${level}\t${depth[s]! - depth[b]!}\tcommission\t${rate}\t${lines.amount[i]}\t${copyValue(skipped)}\n`;
  };
  const target = "commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, skipped)";
  for (let from = 0; from < which.length; from += COPY_BATCH) {
    const batch = which.subarray(from, Math.min(which.length, from + COPY_BATCH));
    await copyIn(
      db,
      target,
      copyChunks(batch.length, (k) => row(batch[k]!)),
    );
  }
  return which.length;
}

/** Stores the run's digests of the orders marked in `which` whose stored digest differs. */
export async function writeDigests(db: Executor, data: PeriodData, digests: Float64Array, which: Uint8Array): Promise<void> {
  const changed: number[] = [];
  for (let o = 0; o < digests.length; o++) if (which[o] === 1 && digests[o] !== data.storedDigests[o]) changed.push(o);
  if (changed.length <= CHUNK) {
    if (changed.length > 0) await db.execute(setDigestsSql(new Map(changed.map((o) => [data.orderIds[o]!, digests[o]!]))));
    return;
  }
  // A first run sets millions: through COPY and one join rather than thousands of statements.
  await db.execute(sql`create temp table ledger_digests (order_id int primary key, digest bigint not null) on commit drop`);
  await copyIn(
    db,
    "ledger_digests (order_id, digest)",
    copyChunks(changed.length, (k) => `${data.orderIds[changed[k]!]}\t${digests[changed[k]!]}\n`),
  );
  await db.execute(sql`update orders o set ledger_digest = t.digest from ledger_digests t where o.id = t.order_id`);
  await db.execute(sql`drop table ledger_digests`);
}

/** Deletes commission lines by key (all of the period's when `all`). */
export async function deleteLines(
  db: Executor,
  periodId: number,
  keys: { orderId: IntList; beneficiaryId: IntList; level: IntList; length: number },
  all: boolean,
): Promise<void> {
  if (keys.length === 0) return;
  if (all) {
    await db.execute(sql`delete from commission_ledger where period_id = ${periodId} and kind = 'commission'`);
    return;
  }
  const orderIds = keys.orderId.toArray();
  const beneficiaryIds = keys.beneficiaryId.toArray();
  const levels = keys.level.toArray();
  for (let from = 0; from < keys.length; from += CHUNK) {
    const part = (a: Int32Array) => pgArray(Array.from(a.subarray(from, from + CHUNK)));
    await db.execute(sql`
      delete from commission_ledger l using unnest(${part(orderIds)}::int[], ${part(beneficiaryIds)}::int[], ${part(levels)}::int[]) as t(o, b, v)
      where l.order_id = t.o and l.beneficiary_id = t.b and l.level = t.v and l.kind = 'commission' and l.period_id = ${periodId}`);
  }
}

interface LineKey {
  orderId: number;
  beneficiaryId: number;
  level: number;
}
const keyOf = (l: LineKey) => `${l.orderId}:${l.beneficiaryId}:${l.level}`;

/**
 * One statement: upsert `upserts` and delete the lines of `deletes` (never the
 * same key, so they can share a statement), with other writes as CTEs when
 * given (the upline's stats, the orders' digests). One round trip under the ledger lock.
 */
function writeLinesSql(periodId: number, upserts: LedgerLine[], deletes: LineKey[], also?: SQL, digests?: Map<number, number>): SQL {
  const col = <T>(f: (l: LedgerLine) => T) => upserts.map(f);
  const key = (f: (k: LineKey) => number) => pgArray(deletes.map(f));
  return sql`
    with ${also ? sql`also as (${also}), ` : sql``}${digests ? sql`digests as (${setDigestsSql(digests)}), ` : sql``}up as (
      insert into commission_ledger as l (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, skipped)
      select ${periodId}, o, b, s, v, g, 'commission', r, a, e
      from unnest(${pgArray(col((l) => l.orderId))}::int[], ${pgArray(col((l) => l.beneficiaryId))}::int[], ${pgArray(col((l) => l.sellerId))}::int[],
                  ${pgArray(col((l) => l.level))}::int[], ${pgArray(col((l) => l.generation))}::int[], ${pgArray(col((l) => l.rateBps))}::int[],
                  ${pgArray(col((l) => l.amountCents))}::bigint[], ${pgArray(col((l) => l.skipped))}::text[])
        as t(o, b, s, v, g, r, a, e)
      on conflict (order_id, beneficiary_id, level, kind) do update
        set seller_id = excluded.seller_id, generation = excluded.generation, rate_bps = excluded.rate_bps,
            amount_cents = excluded.amount_cents, skipped = excluded.skipped)
    delete from commission_ledger d using unnest(${key((k) => k.orderId)}::int[], ${key((k) => k.beneficiaryId)}::int[], ${key((k) => k.level)}::int[]) as k(o, b, v)
    where d.order_id = k.o and d.beneficiary_id = k.b and d.level = k.v and d.kind = 'commission' and d.period_id = ${periodId}`;
}

/**
 * Makes the commission lines of `orderIds` in an open period exactly `lines`,
 * writing only what differs: repaying a subtree recomputes thousands of lines
 * of which a few change, and an upsert would lock and rewrite every one.
 * `also` (another write) joins the statement that writes.
 */
export async function replaceOrderLines(db: Executor, periodId: number, orderIds: number[], lines: LedgerLine[], also?: SQL): Promise<void> {
  const orders = pgArray(orderIds);
  if (lines.length === 0) {
    await db.execute(sql`
      with ${also ? sql`also as (${also}), ` : sql``}digests as (${setDigestsSql(lineDigests(orderIds, []))})
      delete from commission_ledger where period_id = ${periodId} and kind = 'commission' and order_id = any(${orders}::int[])`);
    return;
  }
  const stored = await queryRows<{
    order_id: number;
    beneficiary_id: number;
    level: number;
    seller_id: number;
    generation: number;
    rate_bps: number;
    amount: number;
    skipped: string | null;
  }>(
    db,
    sql`select order_id, beneficiary_id, level, seller_id, generation, rate_bps, amount_cents::float8 as amount, skipped
        from commission_ledger where order_id = any(${orders}::int[]) and kind = 'commission' and period_id = ${periodId}`,
  );
  const previous = stored.map((row): LedgerLine => ({
    orderId: row.order_id,
    beneficiaryId: row.beneficiary_id,
    sellerId: row.seller_id,
    level: row.level,
    generation: row.generation,
    rateBps: row.rate_bps,
    amountCents: row.amount,
    skipped: row.skipped,
  }));
  await writeLineChanges(db, periodId, orderIds, previous, lines, also);
}

/**
 * Writes what turns `previous` (the lines of `orderIds` as stored, read back or
 * known to be a full run's) into `lines`: the lines that are new or differ in
 * any column are upserted, the missing ones deleted, and the orders whose lines
 * change (or that have none yet) get their new digest. `also` (another write)
 * joins the first statement, which is always sent.
 */
export async function writeLineChanges(
  db: Executor,
  periodId: number,
  orderIds: number[],
  previous: LedgerLine[],
  lines: LedgerLine[],
  also?: SQL,
): Promise<void> {
  const wanted = new Map(lines.map((l) => [keyOf(l), l]));
  const deletes: LineKey[] = [];
  for (const p of previous) {
    const line = wanted.get(keyOf(p));
    if (!line) deletes.push(p);
    else if (
      line.sellerId === p.sellerId &&
      line.generation === p.generation &&
      line.rateBps === p.rateBps &&
      line.amountCents === p.amountCents &&
      line.skipped === p.skipped
    ) {
      wanted.delete(keyOf(p));
    }
  }
  const upserts = [...wanted.values()];
  // Only the orders whose lines change get a new digest (a repay reads thousands, writes a few),
  // and those without any line (a new order paying nobody).
  const changed = new Set([...upserts, ...deletes].map((l) => l.orderId));
  const withLines = new Set(previous.map((l) => l.orderId));
  for (const id of orderIds) if (!withLines.has(id)) changed.add(id);
  const digests = lineDigests(
    [...changed],
    lines.filter((l) => changed.has(l.orderId)),
  );
  for (let from = 0; from === 0 || from < Math.max(upserts.length, deletes.length); from += CHUNK) {
    const first = from === 0;
    await queryPrepared(
      db,
      writeLinesSql(
        periodId,
        upserts.slice(from, from + CHUNK),
        deletes.slice(from, from + CHUNK),
        first ? also : undefined,
        first && digests.size > 0 ? digests : undefined,
      ),
    );
  }
}
