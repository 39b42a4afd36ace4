import { payOrders, RETAIL, type OrderArrays, type PeriodState, type Plan } from "@/lib/commissions";
import type { LedgerLine } from "../lines";
import { skippedText } from "../skipped";
import type { Node, SubtreeOrder } from "./model";

// Commission lines computed in JavaScript from a few members' state, in the
// ledger's form: what an incremental update writes instead of a full run's.

/** The lines of a paid order sold by the last member of `chain` (root first), in `state`. */
export function orderLines(plan: Plan, chain: Node[], state: PeriodState, orderId: number, kind: string, cvCents: number): LedgerLine[] {
  const orders: OrderArrays = {
    seller: Int32Array.of(chain.length - 1),
    kind: Uint8Array.of(kind === "retail" ? RETAIL : 0),
    cv: Float64Array.of(cvCents),
  };
  const payout = payOrders(state, orders, { explain: true });
  const ids = chain.map((n) => n.id);
  const lines: LedgerLine[] = [];
  for (let i = 0; i < payout.lines.count; i++) {
    const skipped = payout.explanations ? skippedText(payout.explanations.lineSkips, i, ids) : null;
    lines.push(
      lineFor(plan, { id: orderId, seller: chain.at(-1)! }, chain[payout.lines.beneficiary[i]!]!, payout.lines.level[i]!, payout.lines.amount[i]!, skipped),
    );
  }
  return lines;
}

/** The lines of `orderRows` in `state` (of `nodes`, indexed by `index`). */
export function payLines(plan: Plan, nodes: Node[], state: PeriodState, index: Map<number, number>, orderRows: SubtreeOrder[]): LedgerLine[] {
  const orders: OrderArrays = {
    seller: Int32Array.from(orderRows, (o) => index.get(o.seller_id)!),
    kind: Uint8Array.from(orderRows, (o) => (o.kind === "retail" ? RETAIL : 0)),
    cv: Float64Array.from(orderRows, (o) => o.cv_cents),
  };
  const payout = payOrders(state, orders, { explain: true });
  const ids = nodes.map((n) => n.id);
  const lines: LedgerLine[] = [];
  for (let i = 0; i < payout.lines.count; i++) {
    const o = payout.lines.order[i]!;
    const skipped = payout.explanations ? skippedText(payout.explanations.lineSkips, i, ids) : null;
    lines.push(
      lineFor(
        plan,
        { id: orderRows[o]!.id, seller: nodes[orders.seller[o]!]! },
        nodes[payout.lines.beneficiary[i]!]!,
        payout.lines.level[i]!,
        payout.lines.amount[i]!,
        skipped,
      ),
    );
  }
  return lines;
}

function lineFor(plan: Plan, order: { id: number; seller: Node }, beneficiary: Node, level: number, amount: number, skipped: string | null): LedgerLine {
  return {
    orderId: order.id,
    beneficiaryId: beneficiary.id,
    sellerId: order.seller.id,
    level,
    generation: order.seller.depth - beneficiary.depth,
    rateBps: level === 0 ? plan.personalBps : plan.levelsBps[level - 1]!,
    amountCents: amount,
    skipped,
  };
}
