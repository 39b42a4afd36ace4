import { SKIP_TERMINATED, type SkipLists } from "@/lib/commissions";

// A ledger line's explanation: the uplines compression skipped on the way to
// its beneficiary, seller side first, as ids joined by commas with "t" after a
// terminated one ("17,342t,9"). Compact text rather than JSON, because a full
// run compares it for every stored line (~13M at 1M distributors).

/** The ledger's `skipped` text of entry `e` of a skip list ("17,342t,9"), with distributor ids for indexes; null for none. */
export function skippedText(skips: SkipLists, e: number, ids: ArrayLike<number>): string | null {
  const from = skips.begin[e]!;
  const to = skips.end[e]!;
  if (from === to) return null;
  let text = "";
  for (let k = from; k < to; k++) {
    if (k > from) text += ",";
    text += skips.reason[k] === SKIP_TERMINATED ? `${ids[skips.index[k]!]!}t` : `${ids[skips.index[k]!]!}`;
  }
  return text;
}

/** The skipped uplines of a stored `skipped` text; [] for null or anything malformed. */
export function parseSkipped(text: string | null): { id: number; reason: "inactive" | "terminated" }[] {
  if (text === null || !/^\d+t?(,\d+t?)*$/.test(text)) return [];
  return text
    .split(",")
    .map((s) => (s.endsWith("t") ? { id: Number(s.slice(0, -1)), reason: "terminated" as const } : { id: Number(s), reason: "inactive" as const }));
}
