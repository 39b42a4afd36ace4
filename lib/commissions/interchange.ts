import { computePeriod } from "./engine";
import { CommissionInputError } from "./errors";
import { payOrders } from "./pay";
import type { Cents, InterchangeOutput, PeriodResult } from "./types";
import { parseInterchange, parseInterchangeText, type ParsedInterchange } from "./validate";

// The string-id wrapper over the index-based core: the CLI's `compute` and anything else
// that speaks the spec's interchange JSON.

/** Runs a parsed input through the core. */
export function computeParsed(p: ParsedInterchange): PeriodResult {
  return computePeriod(p.plan, p.company, p.orders, { tree: p.tree });
}

interface Totals {
  /** Beneficiaries with a positive total, in code-unit order of their ids. */
  beneficiaries: number[];
  amounts: Cents[];
  breakage: Cents;
}

/**
 * Totals per beneficiary and the breakage total. Doubles are exact while a sum stays
 * below 2^53; a sum beyond it (never in a real company) is redone with bigints.
 */
function totalsOf(p: ParsedInterchange, r: PeriodResult): Totals {
  const { lines } = r;
  const sums = new Float64Array(p.distributorIds.length);
  for (let i = 0; i < lines.count; i++) sums[lines.beneficiary[i]!]! += lines.amount[i]!;
  const ids = p.distributorIds;
  const beneficiaries: number[] = [];
  for (let d = 0; d < sums.length; d++) if (sums[d]! > 0) beneficiaries.push(d);
  // Plain < on strings compares UTF-16 code units, like the default Array sort.
  beneficiaries.sort((a, b) => {
    const x = ids[a]!;
    const y = ids[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const amounts = beneficiaries.map((d): Cents => {
    const s = sums[d]!;
    if (s <= Number.MAX_SAFE_INTEGER) return s;
    let exact = 0n;
    for (let i = 0; i < lines.count; i++) if (lines.beneficiary[i] === d) exact += BigInt(lines.amount[i]!);
    return exact;
  });
  let breakage: Cents = r.breakage;
  if (breakage > Number.MAX_SAFE_INTEGER) {
    const byOrder = payOrders(r, r.orders, { breakageByOrder: true }).breakageByOrder ?? new Float64Array(0);
    breakage = byOrder.reduce((acc, b) => acc + BigInt(b), 0n);
  }
  return { beneficiaries, amounts, breakage };
}

/**
 * The spec's `compute` in object form: `input` is an InterchangeInput or any value (typically
 * parsed JSON); it is validated first (throws CommissionInputError).
 */
export function computeInterchange(input: unknown): InterchangeOutput {
  const p = parseInterchange(input);
  const r = computeParsed(p);
  const { distributorIds: ids, orderIds, plan } = p;
  const t = totalsOf(p, r);
  const { lines } = r;
  return {
    distributors: ids.map((id, i) => {
      const rank = r.rank[i]!;
      return { id, pv: r.pv[i]!, gv: r.gv[i]!, active: r.active[i] === 1, rank: rank < 0 ? null : (plan.ranks[rank]?.name ?? null) };
    }),
    commissions: Array.from({ length: lines.count }, (_, i) => ({
      orderId: orderIds[lines.order[i]!]!,
      beneficiaryId: ids[lines.beneficiary[i]!]!,
      level: lines.level[i]!,
      amountCents: lines.amount[i]!,
    })),
    totals: t.beneficiaries.map((d, j) => ({ beneficiaryId: ids[d]!, amountCents: t.amounts[j] ?? 0 })),
    breakageCents: t.breakage,
  };
}

const CHUNK = 1 << 16;

/**
 * Writes the output document straight from the core's arrays, in chunks: one line per
 * record, so a million-distributor output never becomes one giant string or a million
 * objects. Ends with a newline.
 */
export function writeInterchange(p: ParsedInterchange, r: PeriodResult, write: (chunk: string) => void): void {
  const { distributorIds: ids, orderIds, plan } = p;
  const rankNames = plan.ranks.map((k) => JSON.stringify(k.name));
  const q = ids.map((id) => JSON.stringify(id));
  let parts: string[] = [];
  const emit = (s: string): void => {
    parts.push(s);
    if (parts.length >= CHUNK) {
      write(parts.join(""));
      parts = [];
    }
  };
  const section = (name: string, count: number, item: (i: number) => string): void => {
    emit(`"${name}":[`);
    for (let i = 0; i < count; i++) emit(`${i === 0 ? "\n" : ",\n"}${item(i)}`);
    emit(count === 0 ? "],\n" : "\n],\n");
  };
  emit("{");
  section("distributors", ids.length, (i) => {
    const rank = r.rank[i]!;
    const name = rank < 0 ? "null" : (rankNames[rank] ?? "null");
    return `{"id":${q[i]},"pv":${r.pv[i]},"gv":${r.gv[i]},"active":${r.active[i] === 1},"rank":${name}}`;
  });
  const { lines } = r;
  const oq = orderIds.map((id) => JSON.stringify(id));
  section("commissions", lines.count, (i) => {
    const b = lines.beneficiary[i]!;
    return `{"orderId":${oq[lines.order[i]!]},"beneficiaryId":${q[b]},"level":${lines.level[i]},"amountCents":${lines.amount[i]}}`;
  });
  const t = totalsOf(p, r);
  section("totals", t.beneficiaries.length, (j) => `{"beneficiaryId":${q[t.beneficiaries[j]!]},"amountCents":${String(t.amounts[j])}}`);
  emit(`"breakageCents":${String(t.breakage)}}\n`);
  write(parts.join(""));
}

/** The output document as one string (small outputs; the CLI streams with writeInterchange). */
export function formatInterchange(input: unknown): string {
  const p = parseInterchange(input);
  const chunks: string[] = [];
  writeInterchange(p, computeParsed(p), (c) => chunks.push(c));
  return chunks.join("");
}

/**
 * `compute` on JSON text: 0 after writing the document, or 2 with a one-line error and
 * nothing written. Errors other than bad input propagate.
 */
export function runCompute(text: string, write: (chunk: string) => void): { code: 0 } | { code: 2; error: string } {
  let p: ParsedInterchange;
  try {
    p = parseInterchangeText(text);
  } catch (e) {
    if (e instanceof CommissionInputError) return { code: 2, error: e.message };
    throw e;
  }
  writeInterchange(p, computeParsed(p), write);
  return { code: 0 };
}
