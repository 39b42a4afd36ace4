import { sql, type SQL } from "drizzle-orm";
import { pgArray, queryRows } from "@/db/rows";
import type { PeriodResult, SkipLists } from "@/lib/commissions";
import { SKIP_TERMINATED } from "@/lib/commissions";
import { copyIn } from "./copy";
import { copyChunks, copyValue, type IntList } from "./copy-text";
import type { Executor } from "./db";
import type { PeriodData } from "./full-run";

/** A commission line as the ledger stores it. */
export interface LedgerLine {
  orderId: number;
  beneficiaryId: number;
  sellerId: number;
  level: number;
  generation: number;
  rateBps: number;
  amountCents: number;
  /** JSON of { skipped: [{ id, reason }] }, or null when compression skipped nobody. */
  explanation: string | null;
}

/** The explanation JSON of entry `e` of a skip list, with distributor ids for indexes. */
export function skippedJson(skips: SkipLists, e: number, ids: ArrayLike<number>): string | null {
  const from = skips.begin[e]!;
  const to = skips.end[e]!;
  if (from === to) return null;
  // Built by hand (what JSON.stringify prints for { skipped: [{ id, reason }] }): millions of lines per full run.
  let json = '{"skipped":[';
  for (let k = from; k < to; k++) {
    if (k > from) json += ",";
    json += `{"id":${ids[skips.index[k]!]!},"reason":"${skips.reason[k] === SKIP_TERMINATED ? "terminated" : "inactive"}"}`;
  }
  return `${json}]}`;
}

const CHUNK = 20_000;

/** The insert of one chunk of commission lines, columns as arrays (a statement, or part of a larger one). */
export function insertLinesSql(periodId: number, chunk: LedgerLine[]): SQL {
  const col = <T>(f: (l: LedgerLine) => T) => chunk.map(f);
  return sql`
    insert into commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, explanation)
    select ${periodId}, o, b, s, l, g, 'commission', r, a, e::jsonb
    from unnest(${pgArray(col((l) => l.orderId))}::int[], ${pgArray(col((l) => l.beneficiaryId))}::int[], ${pgArray(col((l) => l.sellerId))}::int[],
                ${pgArray(col((l) => l.level))}::int[], ${pgArray(col((l) => l.generation))}::int[], ${pgArray(col((l) => l.rateBps))}::int[],
                ${pgArray(col((l) => l.amountCents))}::bigint[], ${pgArray(col((l) => l.explanation))}::text[])
      as t(o, b, s, l, g, r, a, e)`;
}

/** Inserts commission lines in bulk: one statement per chunk. */
export async function insertLines(db: Executor, periodId: number, lines: LedgerLine[]): Promise<void> {
  for (let from = 0; from < lines.length; from += CHUNK) await db.execute(insertLinesSql(periodId, lines.slice(from, from + CHUNK)));
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
    const explanation = skips ? skippedJson(skips, i, ids) : null;
    return `${prefix}${data.orderIds[o]}\t${ids[b]}\t${ids[s]}\t${level}\t${depth[s]! - depth[b]!}\tcommission\t${rate}\t${lines.amount[i]}\t${copyValue(explanation)}\n`;
  };
  const target = "commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, explanation)";
  for (let from = 0; from < which.length; from += COPY_BATCH) {
    const batch = which.subarray(from, Math.min(which.length, from + COPY_BATCH));
    await copyIn(db, target, copyChunks(batch.length, (k) => row(batch[k]!)));
  }
  return which.length;
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

/**
 * How jsonb prints an explanation built by skippedJson (`{"skipped": [{"id": 7, "reason": "inactive"}]}`):
 * a space after each colon and comma. Only ids and fixed reason words occur, so no string holds either.
 */
export function asJsonbText(explanation: string): string {
  return explanation.replace(/":/g, '": ').replace(/,/g, ", ");
}

interface LineKey {
  orderId: number;
  beneficiaryId: number;
  level: number;
}
const keyOf = (l: LineKey) => `${l.orderId}:${l.beneficiaryId}:${l.level}`;

/**
 * One statement: upsert `upserts` and delete the lines of `deletes` (never the
 * same key, so they can share a statement), with another write as a CTE when
 * given (the upline's stats). One round trip under the ledger lock.
 */
export function writeLinesSql(periodId: number, upserts: LedgerLine[], deletes: LineKey[], also?: SQL): SQL {
  const col = <T>(f: (l: LedgerLine) => T) => upserts.map(f);
  const key = (f: (k: LineKey) => number) => pgArray(deletes.map(f));
  return sql`
    with ${also ? sql`also as (${also}), ` : sql``}up as (
      insert into commission_ledger as l (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, explanation)
      select ${periodId}, o, b, s, v, g, 'commission', r, a, e::jsonb
      from unnest(${pgArray(col((l) => l.orderId))}::int[], ${pgArray(col((l) => l.beneficiaryId))}::int[], ${pgArray(col((l) => l.sellerId))}::int[],
                  ${pgArray(col((l) => l.level))}::int[], ${pgArray(col((l) => l.generation))}::int[], ${pgArray(col((l) => l.rateBps))}::int[],
                  ${pgArray(col((l) => l.amountCents))}::bigint[], ${pgArray(col((l) => l.explanation))}::text[])
        as t(o, b, s, v, g, r, a, e)
      on conflict (order_id, beneficiary_id, level, kind) do update
        set seller_id = excluded.seller_id, generation = excluded.generation, rate_bps = excluded.rate_bps,
            amount_cents = excluded.amount_cents, explanation = excluded.explanation)
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
    const remove = sql`delete from commission_ledger where period_id = ${periodId} and kind = 'commission' and order_id = any(${orders}::int[])`;
    await db.execute(also ? sql`with also as (${also}) ${remove}` : remove);
    return;
  }
  // Explanations are compared as text in jsonb's own spelling: no JSON parsing per line.
  const stored = await queryRows<{ order_id: number; beneficiary_id: number; level: number; seller_id: number; generation: number; rate_bps: number; amount: number; explanation: string | null }>(
    db,
    sql`select order_id, beneficiary_id, level, seller_id, generation, rate_bps, amount_cents::float8 as amount, explanation::text as explanation
        from commission_ledger where order_id = any(${orders}::int[]) and kind = 'commission' and period_id = ${periodId}`,
  );
  const wanted = new Map(lines.map((l) => [keyOf(l), l]));
  const deletes: LineKey[] = [];
  for (const row of stored) {
    const key = keyOf({ orderId: row.order_id, beneficiaryId: row.beneficiary_id, level: row.level });
    const line = wanted.get(key);
    if (!line) deletes.push({ orderId: row.order_id, beneficiaryId: row.beneficiary_id, level: row.level });
    else if (
      line.sellerId === row.seller_id &&
      line.generation === row.generation &&
      line.rateBps === row.rate_bps &&
      line.amountCents === row.amount &&
      (line.explanation === null ? row.explanation === null : asJsonbText(line.explanation) === row.explanation)
    ) {
      wanted.delete(key);
    }
  }
  const upserts = [...wanted.values()];
  for (let from = 0; from < Math.max(upserts.length, deletes.length); from += CHUNK) {
    await db.execute(writeLinesSql(periodId, upserts.slice(from, from + CHUNK), deletes.slice(from, from + CHUNK), from === 0 ? also : undefined));
  }
  if (upserts.length === 0 && deletes.length === 0 && also) await db.execute(also);
}
