import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { commissionLedger, commissionPeriods, distributors, orders, users } from "@/db/schema";
import { centsToDecimal, csvRow } from "@/lib/csv";
import { explainLineForAuditor } from "@/lib/earnings-text";
import { parseSkipped } from "@/lib/ledger/skipped";

// The regulator export (docs/compliance.md, "Export for regulators"): every
// commission line of a period with its explanation, as CSV or JSON, read in
// chunks by line id so that a period's millions of lines never sit in memory
// at once. The caller authorizes (an admin).

export interface ExportPeriod {
  id: number;
  startsOn: string;
  endsOn: string;
  status: "open" | "closed";
}

export interface ExportedLine {
  lineId: number;
  kind: "commission" | "clawback";
  orderId: number;
  orderKind: "personal" | "retail";
  sellerId: number;
  sellerName: string;
  beneficiaryId: number;
  beneficiaryName: string;
  level: number;
  generation: number;
  /** The order's commissionable value, in minor units: the base the rate applies to. */
  baseCents: number;
  rateBps: number;
  /** Negative on a clawback. */
  amountCents: number;
  skipped: { id: number; name: string; reason: "inactive" | "terminated" }[];
  /** A clawback's cause: its order's refund reason. */
  reason: string | null;
  explanation: string;
}

export async function getExportPeriod(db: Database, periodId: number): Promise<ExportPeriod | null> {
  const [p] = await db
    .select({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn, endsOn: commissionPeriods.endsOn, status: commissionPeriods.status })
    .from(commissionPeriods)
    .where(eq(commissionPeriods.id, periodId));
  return p ?? null;
}

const seller = alias(users, "seller_user");
const sellerD = alias(distributors, "seller_d");

/** The period's lines in id order, `chunk` at a time. */
export async function* periodLineChunks(db: Database, periodId: number, currency: string, chunk = 2_000): AsyncGenerator<ExportedLine[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({
        lineId: commissionLedger.id,
        kind: commissionLedger.kind,
        orderId: commissionLedger.orderId,
        orderKind: orders.kind,
        sellerId: commissionLedger.sellerId,
        sellerName: seller.name,
        beneficiaryId: commissionLedger.beneficiaryId,
        beneficiaryName: users.name,
        level: commissionLedger.level,
        generation: commissionLedger.generation,
        baseCents: orders.cvCents,
        rateBps: commissionLedger.rateBps,
        amountCents: commissionLedger.amountCents,
        skipped: commissionLedger.skipped,
        refundReason: orders.refundReason,
      })
      .from(commissionLedger)
      .innerJoin(orders, eq(orders.id, commissionLedger.orderId))
      .innerJoin(distributors, eq(distributors.id, commissionLedger.beneficiaryId))
      .innerJoin(users, eq(users.id, distributors.userId))
      .innerJoin(sellerD, eq(sellerD.id, commissionLedger.sellerId))
      .innerJoin(seller, eq(seller.id, sellerD.userId))
      .where(and(eq(commissionLedger.periodId, periodId), gt(commissionLedger.id, after)))
      .orderBy(asc(commissionLedger.id))
      .limit(chunk);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.lineId;
    const skippedIds = [...new Set(rows.flatMap((r) => parseSkipped(r.skipped).map((s) => s.id)))];
    const names = new Map(
      skippedIds.length === 0
        ? []
        : (
            await db
              .select({ id: distributors.id, name: users.name })
              .from(distributors)
              .innerJoin(users, eq(users.id, distributors.userId))
              .where(inArray(distributors.id, skippedIds))
          ).map((d) => [d.id, d.name]),
    );
    yield rows.map(({ skipped: text, refundReason, ...r }) => {
      const skipped = parseSkipped(text).map((s) => ({ ...s, name: names.get(s.id) ?? `#${s.id}` }));
      const reason = r.kind === "clawback" ? refundReason : null;
      return { ...r, skipped, reason, explanation: explainLineForAuditor({ ...r, cvCents: r.baseCents, skipped, refundReason: reason }, currency) };
    });
    if (rows.length < chunk) return;
    // Let queries that waited meanwhile (an order) take the embedded database's connection before the next chunk.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const commissionCsvHeader = [
  "line_id",
  "period",
  "kind",
  "order_id",
  "order_kind",
  "seller_id",
  "seller_name",
  "beneficiary_id",
  "beneficiary_name",
  "level",
  "generation",
  "base",
  "rate_bps",
  "amount",
  "currency",
  "skipped_uplines",
  "reason",
  "explanation",
] as const;

function csvLine(l: ExportedLine, period: ExportPeriod, currency: string, digits: number): string {
  return csvRow([
    l.lineId,
    period.startsOn.slice(0, 7),
    l.kind,
    l.orderId,
    l.orderKind,
    l.sellerId,
    l.sellerName,
    l.beneficiaryId,
    l.beneficiaryName,
    l.level,
    l.generation,
    centsToDecimal(l.baseCents, digits),
    l.rateBps,
    centsToDecimal(l.amountCents, digits),
    currency,
    l.skipped.map((s) => `${s.id} ${s.name} (${s.reason})`).join("; "),
    l.reason,
    l.explanation,
  ]);
}

/** The export's text, piece by piece: a CSV file, or one JSON document whose `lines` array is written a chunk at a time. */
export async function* commissionExportText(
  db: Database,
  period: ExportPeriod,
  format: "csv" | "json",
  money: { currency: string; digits: number },
  chunk?: number,
): AsyncGenerator<string> {
  if (format === "csv") yield csvRow([...commissionCsvHeader]);
  else yield `{"period":${JSON.stringify({ ...period, currency: money.currency, minorUnitDigits: money.digits })},"lines":[`;
  let first = true;
  for await (const lines of periodLineChunks(db, period.id, money.currency, chunk)) {
    if (format === "csv") {
      yield lines.map((l) => csvLine(l, period, money.currency, money.digits)).join("");
    } else {
      yield (first ? "\n" : ",\n") + lines.map((l) => JSON.stringify(l)).join(",\n");
      first = false;
    }
  }
  if (format === "json") yield "\n]}\n";
}

/** A streamed download of the export. */
export function commissionExportResponse(pieces: AsyncGenerator<string>, filename: string, format: "csv" | "json"): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
