import { SKIP_TERMINATED, type PeriodResult } from "@/lib/commissions";
import type { Executor } from "./db";
import type { PeriodData } from "./period-data";
import { copyOut, CopyRowReader, IntList, type CopyRow } from "./storage";

// Compares a period's stored commission lines with a full run, streaming the
// ledger through COPY: nothing per line is kept but the few that differ.

/** A full run's lines, findable by (order id, beneficiary id, level). */
export interface ExpectedLines {
  data: PeriodData;
  result: PeriodResult;
  /** Lines of order index o are [lineStart[o], lineStart[o + 1]) (the engine lists them by order, then level). */
  lineStart: Int32Array;
  /** Order index of order id (minOrderId + k) at k, -1 for none. */
  orderIndex: Int32Array;
  minOrderId: number;
}

export function indexLines(data: PeriodData, result: PeriodResult): ExpectedLines {
  const m = data.orderIds.length;
  const lineStart = new Int32Array(m + 1);
  for (let i = 0; i < result.lines.count; i++) lineStart[result.lines.order[i]! + 1]!++;
  for (let o = 0; o < m; o++) lineStart[o + 1]! += lineStart[o]!;
  let min = Infinity;
  let max = -Infinity;
  for (const id of data.orderIds) {
    if (id < min) min = id;
    if (id > max) max = id;
  }
  // A period's order ids sit in a narrow range (ids grow with time): an offset table, not a map.
  const orderIndex = new Int32Array(m > 0 ? max - min + 1 : 0).fill(-1);
  for (let o = 0; o < m; o++) orderIndex[data.orderIds[o]! - min] = o;
  return { data, result, lineStart, orderIndex, minOrderId: m > 0 ? min : 0 };
}

/** The run's index of an order id, -1 for an order the run does not count. */
function orderIndexOf(e: ExpectedLines, orderId: number): number {
  const k = orderId - e.minOrderId;
  return k >= 0 && k < e.orderIndex.length ? e.orderIndex[k]! : -1;
}

/** The expected line of (orderId, beneficiaryId, level), or -1. */
export function findLine(e: ExpectedLines, orderId: number, beneficiaryId: number, level: number): number {
  const o = orderIndexOf(e, orderId);
  if (o < 0) return -1;
  const { lines } = e.result;
  for (let i = e.lineStart[o]!; i < e.lineStart[o + 1]!; i++) {
    if (lines.level[i] === level && e.data.ids[lines.beneficiary[i]!] === beneficiaryId) return i;
  }
  return -1;
}

/** Whether field f holds exactly the `skipped` text ("17,342t,9") of expected line i. */
function skippedMatches(row: CopyRow, f: number, e: ExpectedLines, i: number): boolean {
  const skips = e.result.explanations?.lineSkips;
  const from = skips ? skips.begin[i]! : 0;
  const to = skips ? skips.end[i]! : 0;
  if (!skips || from === to) return row.isNull(f);
  let p = row.start[f]!;
  for (let k = from; k < to; k++) {
    if (k > from) p = row.matchAscii(f, p, ",");
    if (p < 0 || row.uintAt(f, p) !== e.data.ids[skips.index[k]!]) return false;
    p = row.next;
    if (skips.reason[k] === SKIP_TERMINATED) p = row.matchAscii(f, p, "t");
  }
  return p === row.end[f];
}

/** Every column of the stored line equals expected line i's. */
function sameLine(row: CopyRow, e: ExpectedLines, i: number, amount: number): boolean {
  const { data, result } = e;
  const level = result.lines.level[i]!;
  const seller = data.orders.seller[result.lines.order[i]!]!;
  const beneficiary = result.lines.beneficiary[i]!;
  return (
    amount === result.lines.amount[i] &&
    row.int(4) === data.ids[seller] &&
    row.int(5) === data.depth[seller]! - data.depth[beneficiary]! &&
    row.int(6) === (level === 0 ? data.plan.personalBps : data.plan.levelsBps[level - 1]) &&
    skippedMatches(row, 7, e, i)
  );
}

/** Stored lines that are not exactly a full run's, by their unique key. */
export interface StaleLines {
  orderId: IntList;
  beneficiaryId: IntList;
  level: IntList;
  /** The stored amount of each. */
  amount: number[];
  /** The expected line with the same key (whose amount or other columns differ), -1 when the run has none. */
  expectedLine: IntList;
  length: number;
}

export interface LedgerDiff {
  /** Commission lines stored for the period. */
  existing: number;
  /** Every stored line of the period is stale (false when only some orders were read). */
  allStale: boolean;
  stale: StaleLines;
  /** Per expected line: 1 when an identical line is stored. */
  matched: Uint8Array;
  /** The expected lines not stored identically (to be written). */
  missing(): Int32Array;
}

// Up to this many orders to compare, their lines are selected by id; above, the
// period's lines are streamed and the other orders' rows skipped.
const SELECT_BY_ID = 50_000;

/**
 * Streams the period's commission lines and matches each to the full run's
 * line of the same key. `all` compares every column (what a rewrite needs);
 * `amount` only the amount (what reconciliation reports). With `only` (per
 * order index, 1 to compare), the other orders' lines are taken as matching
 * (their digests agree) and not read.
 */
export async function diffLedger(db: Executor, periodId: number, e: ExpectedLines, compare: "all" | "amount", only?: Uint8Array): Promise<LedgerDiff> {
  const matched = new Uint8Array(e.result.lines.count);
  const selected: number[] = [];
  if (only) {
    for (let o = 0; o < only.length; o++) {
      if (only[o] === 1) selected.push(e.data.orderIds[o]!);
      else matched.fill(1, e.lineStart[o]!, e.lineStart[o + 1]!);
    }
  }
  const stale: StaleLines = { orderId: new IntList(), beneficiaryId: new IntList(), level: new IntList(), amount: [], expectedLine: new IntList(), length: 0 };
  const reader = new CopyRowReader(compare === "all" ? 8 : 4, (row) => {
    const orderId = row.int(0);
    if (only) {
      const o = orderIndexOf(e, orderId);
      if (o >= 0 && only[o] === 0) return;
    }
    const beneficiaryId = row.int(1);
    const level = row.int(2);
    const amount = row.int(3);
    const i = findLine(e, orderId, beneficiaryId, level);
    const same = i >= 0 && matched[i] === 0 && (compare === "all" ? sameLine(row, e, i, amount) : amount === e.result.lines.amount[i]);
    if (same) {
      matched[i] = 1;
      return;
    }
    stale.orderId.push(orderId);
    stale.beneficiaryId.push(beneficiaryId);
    stale.level.push(level);
    stale.amount.push(amount);
    stale.expectedLine.push(i);
    stale.length++;
  });
  const columns =
    compare === "all"
      ? "order_id, beneficiary_id, level, amount_cents, seller_id, generation, rate_bps, skipped"
      : "order_id, beneficiary_id, level, amount_cents";
  if (!Number.isSafeInteger(periodId)) throw new RangeError(`bad period id ${periodId}`);
  if (only && selected.length === 0) return { existing: 0, allStale: false, stale, matched, missing: () => missingLines(matched) };
  // Order ids come from the database as integers: safe to inline.
  const byId = only && selected.length <= SELECT_BY_ID ? ` and order_id = any('{${selected.join(",")}}'::int[])` : "";
  await copyOut(db, `select ${columns} from commission_ledger where period_id = ${periodId} and kind = 'commission'${byId}`, (c) => reader.push(c));
  const existing = reader.finish();
  return { existing, allStale: !only && existing > 0 && stale.length === existing, stale, matched, missing: () => missingLines(matched) };
}

function missingLines(matched: Uint8Array): Int32Array {
  const out = new IntList();
  for (let i = 0; i < matched.length; i++) if (matched[i] === 0) out.push(i);
  return out.toArray();
}
