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

/**
 * Who compression skipped. Every upline between the seller and the viewer either took a level or was
 * skipped (inactive, terminated), so `generation - level` were skipped in all; the ledger names those
 * between the previous level's earner (or the seller) and the viewer, the ones that made this level reach them.
 */
function compression(line: ExplainableLine): string | null {
  const total = line.generation - line.level;
  if (total <= 0) return null;
  const reached = `so level ${line.level} reached you`;
  const names = line.skipped.map((s) => `${s.name} (${s.reason})`).join(", ");
  const earlier = total - line.skipped.length;
  if (names === "") {
    return line.level === 1
      ? `compression skipped ${total} upline(s), ${reached}`
      : `compression skipped ${total} upline(s) before level ${line.level - 1} was paid, ${reached}`;
  }
  if (earlier <= 0 || line.level === 1) return `compression skipped ${names}, ${reached}`;
  return `compression skipped ${names} after level ${line.level - 1} was paid, and ${earlier} upline(s) before it, ${reached}`;
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
    const compressed = compression(line);
    if (compressed) parts.push(compressed);
  }
  if (line.kind === "clawback") parts.push("the order was refunded after its period closed, so this line takes the commission back");
  return parts.join("; ") + ".";
}

/** A line as a third party reads it (the regulator export, lib/compliance): who earned what from whose order, and why. */
export interface AuditedLine extends ExplainableLine {
  beneficiaryName: string;
  /** The order's refund reason, for a clawback ("buyback", an admin's words). */
  refundReason: string | null;
}

/** "Why this amount" for someone outside the company: the same facts as explainEarningsLine, named in the third person. */
export function explainLineForAuditor(line: AuditedLine, currency: string): string {
  const kind = line.orderKind === "retail" ? "retail sale" : "personal order";
  const parts = [
    line.level === 0
      ? `${line.beneficiaryName}'s own retail sale (order #${line.orderId}): ${formula(line, currency)}`
      : `${line.beneficiaryName} earns level ${line.level} of order #${line.orderId} (${kind}) by ${line.sellerName}, ${line.generation} sponsor step(s) below: ${formula(line, currency)}`,
  ];
  const total = line.generation - line.level;
  if (total > 0) {
    const names = line.skipped.map((s) => `${s.name} (${s.reason})`).join(", ");
    parts.push(`compression skipped ${total} upline(s) on the way${names === "" ? "" : `, among them ${names}`}`);
  }
  if (line.kind === "clawback") {
    parts.push(
      `the order was refunded after its period closed${line.refundReason ? ` (reason: ${line.refundReason})` : ""}, so this line takes the commission back`,
    );
  }
  return parts.join("; ") + ".";
}
