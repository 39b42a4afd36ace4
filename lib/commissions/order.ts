import { payOrders } from "./pay";
import { recordedOrder } from "./records";
import type { OrderArrays, OrderKind, OrderPayout, PeriodState } from "./types";

/** One counted order, by index. */
export interface SingleOrder {
  seller: number;
  kind: OrderKind;
  cv: number;
}

/**
 * Pays one counted order against a period's state (e.g. a new order, once PV and
 * volumes are updated). Gives exactly the lines a full run gives that order.
 * `orderIndex` only labels the explanation (default -1).
 */
export function payOrder(state: PeriodState, order: SingleOrder, options: { explain?: boolean; orderIndex?: number } = {}): OrderPayout {
  const orders: OrderArrays = {
    seller: Int32Array.of(order.seller),
    kind: Uint8Array.of(order.kind),
    cv: Float64Array.of(order.cv),
  };
  const explain = options.explain === true;
  const payout = payOrders(state, orders, { explain });
  const { lines } = payout;
  const out: OrderPayout = { lines: [], breakage: payout.breakage };
  for (let i = 0; i < lines.count; i++) {
    out.lines.push({ beneficiary: lines.beneficiary[i]!, level: lines.level[i]!, amount: lines.amount[i]! });
  }
  if (payout.explanations !== undefined) {
    const e = recordedOrder({ ...state, orders, ...payout }, payout.explanations, 0);
    const orderIndex = options.orderIndex ?? -1;
    e.orderIndex = orderIndex;
    for (const l of e.lines) l.orderIndex = orderIndex;
    for (const b of e.breakage) b.orderIndex = orderIndex;
    out.explanation = e;
  }
  return out;
}
