import { payOrder } from "./order";
import { recordedLine, recordedOrder } from "./records";
import { PERSONAL, RETAIL, type LineExplanation, type OrderExplanation, type PeriodResult } from "./types";

// "Why this amount", one line or one order at a time. A run made with { explain: true }
// answers from its records; otherwise the one order asked about is paid again with
// explanations, which gives the same answer against the same state.

/** Why line `line` of the run pays what it pays. */
export function explainLine(result: PeriodResult, line: number): LineExplanation {
  if (!(line >= 0 && line < result.lines.count)) throw new RangeError(`no line ${line}`);
  const ex = result.explanations;
  if (ex !== undefined) return recordedLine(result, ex, line);
  const level = result.lines.level[line]!;
  const found = explainOrder(result, result.lines.order[line]!).lines.find((l) => l.level === level);
  if (found === undefined) throw new Error(`line ${line} cannot be explained: the state changed since the run`);
  return found;
}

/** Every line and every lost level of order `order` (both empty when it is not counted). */
export function explainOrder(result: PeriodResult, order: number): OrderExplanation {
  const { orders } = result;
  if (!(order >= 0 && order < orders.seller.length)) throw new RangeError(`no order ${order}`);
  const ex = result.explanations;
  if (ex !== undefined) return recordedOrder(result, ex, order);
  const sellerIndex = orders.seller[order]!;
  if (orders.counted !== undefined && orders.counted[order] === 0) return { orderIndex: order, sellerIndex, lines: [], breakage: [] };
  const kind = orders.kind[order] === RETAIL ? RETAIL : PERSONAL;
  const payout = payOrder(result, { seller: sellerIndex, kind, cv: orders.cv[order]! }, { explain: true, orderIndex: order });
  if (payout.explanation === undefined) throw new Error("payOrder gave no explanation");
  return payout.explanation;
}
