import { retailShortfalls } from "./standing";
import type {
  BreakageExplanation,
  BreakageReason,
  LineExplanation,
  OrderExplanation,
  PeriodExplanations,
  PeriodResult,
  SkipLists,
  SkippedUpline,
  SkipReason,
} from "./types";

// Object forms of recorded (flat) explanations. Codes map by position to the BREAK_* and
// SKIP_* constants of types.ts.

const BREAKAGE_REASONS: readonly BreakageReason[] = ["rank", "inactive", "terminated", "no-upline", "retail"];
const SKIP_REASONS: readonly SkipReason[] = ["inactive", "terminated"];

/** The skipped uplines of entry `entry` of a skip list, as objects. */
export function skippedAt(lists: SkipLists, entry: number): SkippedUpline[] {
  const out: SkippedUpline[] = [];
  for (let i = lists.begin[entry]!, end = lists.end[entry]!; i < end; i++) {
    out.push({ index: lists.index[i]!, reason: SKIP_REASONS[lists.reason[i]!] ?? "inactive" });
  }
  return out;
}

function rateOf(result: PeriodResult, level: number): number {
  return level === 0 ? result.plan.personalBps : (result.plan.levelsBps[level - 1] ?? 0);
}

export function recordedLine(result: PeriodResult, ex: PeriodExplanations, line: number): LineExplanation {
  const { lines, orders } = result;
  const orderIndex = lines.order[line]!;
  const level = lines.level[line]!;
  return {
    orderIndex,
    sellerIndex: orders.seller[orderIndex]!,
    level,
    rateBps: rateOf(result, level),
    beneficiaryIndex: lines.beneficiary[line]!,
    amount: lines.amount[line]!,
    skipped: skippedAt(ex.lineSkips, line),
  };
}

export function recordedBreakage(result: PeriodResult, ex: PeriodExplanations, entry: number): BreakageExplanation {
  const b = ex.breakage;
  const level = b.level[entry]!;
  const orderIndex = b.order[entry]!;
  const rateBps = rateOf(result, level);
  const out: BreakageExplanation = {
    orderIndex,
    level,
    rateBps,
    amount: Math.floor((result.orders.cv[orderIndex]! * rateBps) / 10000),
    uplineIndex: b.upline[entry]!,
    reason: BREAKAGE_REASONS[b.reason[entry]!] ?? "no-upline",
    skipped: skippedAt(b.skips, entry),
  };
  if (out.reason === "retail") out.retailShortfalls = retailShortfalls(result, out.uplineIndex);
  return out;
}

export function recordedOrder(result: PeriodResult, ex: PeriodExplanations, order: number): OrderExplanation {
  const lines: LineExplanation[] = [];
  for (let i = ex.orderLineStart[order]!, end = ex.orderLineStart[order + 1]!; i < end; i++) lines.push(recordedLine(result, ex, i));
  const breakage: BreakageExplanation[] = [];
  for (let i = ex.orderBreakageStart[order]!, end = ex.orderBreakageStart[order + 1]!; i < end; i++) {
    breakage.push(recordedBreakage(result, ex, i));
  }
  return { orderIndex: order, sellerIndex: result.orders.seller[order]!, lines, breakage };
}
