import { csvRow } from "@/lib/csv";
import type { DownlineRowDto } from "./downline";

export const teamCsvHeader = ["member_id", "name", "generation", "sponsor", "joined", "rank", "status", "pv", "gv"] as const;

function status(r: DownlineRowDto): string {
  return r.terminated ? "terminated" : r.active ? "active" : "inactive";
}

/** CSV lines for downline rows, one string per chunk of rows, so a big export never builds one giant string. */
export function teamCsvLines(rows: DownlineRowDto[], ranks: string[]): string {
  let text = "";
  for (const r of rows) {
    text += csvRow([r.id, r.name, r.generation, r.sponsorName, r.joinedAt.slice(0, 10), r.rank === null ? "" : (ranks[r.rank] ?? ""), status(r), r.pv, r.gv]);
  }
  return text;
}

/** The whole file as one string (tests, small exports). */
export function teamCsv(rows: DownlineRowDto[], ranks: string[]): string {
  return csvRow([...teamCsvHeader]) + teamCsvLines(rows, ranks);
}

/** A streamed CSV download: the header, then each chunk of rows as it is read. */
export function teamCsvResponse(chunks: AsyncIterable<DownlineRowDto[]>, ranks: string[], filename: string): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow([...teamCsvHeader])));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(teamCsvLines(next.value, ranks)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
