import { formatBps, formatMoney } from "./format";

export interface ExplainableLine {
  kind: "commission" | "clawback";
  orderId: number;
  orderKind: "personal" | "retail";
  /** The order's commissionable value: the base the rate applies to. */
  cvCents: number;
  sellerName: string;
  generation: number;
  level: number;
  rateBps: number;
  /** Negative on a clawback. */
  amountCents: number;
  skipped: { name: string; reason: "inactive" | "terminated" }[];
}

/**
 * "8% of $125.03 commissionable value = $10.00 (rounded down to the cent)": the base, the rate and the
 * result, so a person can check the line. The engine floors each line on its own (docs/commissions.md,
 * "Money and rounding"); should a line ever differ from that product, the text says so rather than
 * print a false equation.
 */
function formula(line: ExplainableLine, currency: string): string {
  const product = line.cvCents * line.rateBps; // below 2^53: cvCents <= 10^11, rateBps <= 10000
  const floored = (product - (product % 10_000)) / 10_000;
  const paid = Math.abs(line.amountCents);
  const stated = `${formatBps(line.rateBps)} of ${formatMoney(line.cvCents, currency)} commissionable value = ${formatMoney(floored, currency)}`;
  if (floored !== paid) return `${stated}, but this line records ${formatMoney(paid, currency)}`;
  return product % 10_000 === 0 ? stated : `${stated} (rounded down to the cent)`;
}

/** "Why this amount", in words, for the earnings page and its CSV. */
export function explainEarningsLine(line: ExplainableLine, currency: string): string {
  const parts: string[] = [];
  if (line.level === 0) {
    parts.push(`Your retail sale (order #${line.orderId}): ${formula(line, currency)}`);
  } else {
    const who = `${line.sellerName}, generation ${line.generation} of your team`;
    parts.push(
      `Order #${line.orderId} (${line.orderKind === "retail" ? "retail sale" : "personal order"}) by ${who}: level ${line.level} pays ${formula(line, currency)}`,
    );
    if (line.generation > line.level) {
      const skipped = line.skipped.map((s) => `${s.name} (${s.reason})`).join(", ");
      parts.push(
        skipped
          ? `compression skipped ${skipped}, so level ${line.level} reached you`
          : `compression skipped ${line.generation - line.level} upline(s), so level ${line.level} reached you`,
      );
    }
  }
  if (line.kind === "clawback") parts.push("the order was refunded after its period closed, so this line takes the commission back");
  return parts.join("; ") + ".";
}
