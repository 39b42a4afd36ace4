import { csvRow } from "@/lib/csv";
import type { DownlineRowDto } from "./downline";

export const teamCsvHeader = ["member_id", "name", "generation", "sponsor", "joined", "rank", "status", "pv", "gv"] as const;

function status(r: DownlineRowDto): string {
  return r.terminated ? "terminated" : r.active ? "active" : "inactive";
}

/** CSV lines for downline rows, `chunk` rows per string, so a big export never builds one giant string. */
export function* teamCsvChunks(rows: DownlineRowDto[], ranks: string[], chunk = 5_000): Generator<string> {
  yield csvRow([...teamCsvHeader]);
  for (let i = 0; i < rows.length; i += chunk) {
    let text = "";
    for (const r of rows.slice(i, i + chunk)) {
      text += csvRow([r.id, r.name, r.generation, r.sponsorName, r.joinedAt.slice(0, 10), r.rank === null ? "" : (ranks[r.rank] ?? ""), status(r), r.pv, r.gv]);
    }
    yield text;
  }
}

/** The whole file as one string (tests, small exports). */
export function teamCsv(rows: DownlineRowDto[], ranks: string[]): string {
  return [...teamCsvChunks(rows, ranks)].join("");
}

/** A streamed CSV download response. */
export function teamCsvResponse(rows: DownlineRowDto[], ranks: string[], filename: string): Response {
  const chunks = teamCsvChunks(rows, ranks);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
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
