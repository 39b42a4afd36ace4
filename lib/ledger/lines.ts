import { sql } from "drizzle-orm";
import { pgArray } from "@/db/rows";
import type { SkipLists } from "@/lib/commissions";
import { SKIP_TERMINATED } from "@/lib/commissions";
import type { Executor } from "./db";

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
  const skipped = [];
  for (let k = from; k < to; k++) {
    skipped.push({ id: ids[skips.index[k]!]!, reason: skips.reason[k] === SKIP_TERMINATED ? "terminated" : "inactive" });
  }
  return JSON.stringify({ skipped });
}

const CHUNK = 20_000;

/** Inserts commission lines in bulk: one statement per chunk, columns as arrays. */
export async function insertLines(db: Executor, periodId: number, lines: LedgerLine[]): Promise<void> {
  for (let from = 0; from < lines.length; from += CHUNK) {
    const chunk = lines.slice(from, from + CHUNK);
    const col = <T>(f: (l: LedgerLine) => T) => chunk.map(f);
    await db.execute(sql`
      insert into commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, explanation)
      select ${periodId}, o, b, s, l, g, 'commission', r, a, e::jsonb
      from unnest(${pgArray(col((l) => l.orderId))}::int[], ${pgArray(col((l) => l.beneficiaryId))}::int[], ${pgArray(col((l) => l.sellerId))}::int[],
                  ${pgArray(col((l) => l.level))}::int[], ${pgArray(col((l) => l.generation))}::int[], ${pgArray(col((l) => l.rateBps))}::int[],
                  ${pgArray(col((l) => l.amountCents))}::bigint[], ${pgArray(col((l) => l.explanation))}::text[])
        as t(o, b, s, l, g, r, a, e)`);
  }
}

/** Replaces the commission lines of `orderIds` in an open period by `lines`. */
export async function replaceOrderLines(db: Executor, periodId: number, orderIds: number[], lines: LedgerLine[]): Promise<void> {
  if (orderIds.length > 0) {
    await db.execute(
      sql`delete from commission_ledger where period_id = ${periodId} and kind = 'commission' and order_id = any(${pgArray(orderIds)}::int[])`,
    );
  }
  await insertLines(db, periodId, lines);
}
