import { formatBps } from "./format";

export interface ExplainableLine {
  kind: "commission" | "clawback";
  orderId: number;
  orderKind: "personal" | "retail";
  sellerName: string;
  generation: number;
  level: number;
  rateBps: number;
  skipped: { name: string; reason: "inactive" | "terminated" }[];
}

/** "Why this amount", in words, for the earnings page and its CSV. */
export function explainEarningsLine(line: ExplainableLine): string {
  const parts: string[] = [];
  if (line.level === 0) {
    parts.push(`Your retail sale (order #${line.orderId}): ${formatBps(line.rateBps)} of its commissionable value`);
  } else {
    const who = `${line.sellerName}, generation ${line.generation} of your team`;
    parts.push(
      `Order #${line.orderId} (${line.orderKind === "retail" ? "retail sale" : "personal order"}) by ${who}: level ${line.level} pays ${formatBps(line.rateBps)} of its commissionable value`,
    );
    if (line.generation > line.level) {
      const skipped = line.skipped.map((s) => `${s.name} (${s.reason})`).join(", ");
      parts.push(skipped ? `compression skipped ${skipped}` : `compression skipped ${line.generation - line.level} upline(s)`);
    }
  }
  if (line.kind === "clawback") parts.push("the order was refunded after its period closed, so this line takes the commission back");
  return parts.join("; ") + ".";
}
