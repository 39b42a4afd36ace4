import { describe, expect, it } from "vitest";
import { computePeriod, SKIP_TERMINATED } from "@/lib/commissions";
import { syntheticCompany } from "@/lib/commissions/synthetic";
import { lineDigests, resultDigests, type DigestLine } from "./digest";
import { ledgerLines } from "../full-run";
import type { PeriodData } from "../period-data";

// A full run's digests (typed arrays) and the writers' (stored lines) must agree
// exactly, or every full run would rewrite every order.
describe("order digests", () => {
  const co = syntheticCompany({ distributors: 400, orders: 1_500, seed: 7 });
  const n = co.company.sponsor.length;
  const ids = Int32Array.from({ length: n }, (_, i) => i * 3 + 11);
  const depth = new Int32Array(n);
  for (let i = 0; i < n; i++) depth[i] = co.company.sponsor[i]! < 0 ? 0 : depth[co.company.sponsor[i]!]! + 1;
  const m = co.orders.seller.length;
  const data: PeriodData = {
    plan: co.plan,
    ids,
    depth,
    company: co.company,
    pvByDistributor: new Float64Array(n),
    retailPvByDistributor: new Float64Array(n),
    retailCustomersByDistributor: new Int32Array(n),
    orderIds: Int32Array.from({ length: m }, (_, o) => 5_000 + o * 2),
    orders: co.orders,
    storedDigests: new Float64Array(m).fill(Number.NaN),
  };
  const result = computePeriod(co.plan, co.company, co.orders, { explain: true });
  const lines = ledgerLines(data, result);

  it("are the same from the run and from its lines as stored, in any order", () => {
    const fromRun = resultDigests(data, result);
    const fromLines = lineDigests(Array.from(data.orderIds), [...lines].reverse());
    expect(lines.some((l) => l.skipped !== null)).toBe(true);
    expect(result.explanations!.lineSkips.reason.includes(SKIP_TERMINATED)).toBe(true);
    for (let o = 0; o < m; o++) expect(fromLines.get(data.orderIds[o]!)).toBe(fromRun[o]);
  });

  it("agree on amounts of 2^32 cents and more (two words)", () => {
    const big = structuredClone(result);
    big.lines.amount[3] = 2 ** 35 + 7;
    big.lines.amount[10] = 2 ** 32;
    const fromRun = resultDigests(data, big);
    const fromLines = lineDigests(Array.from(data.orderIds), ledgerLines(data, big));
    for (const i of [3, 10]) {
      const o = big.lines.order[i]!;
      expect(fromRun[o]).not.toBe(resultDigests(data, result)[o]);
      expect(fromLines.get(data.orderIds[o]!)).toBe(fromRun[o]);
    }
  });

  it("are exact integers below 2^53 and 0 for an order without lines", () => {
    for (const d of resultDigests(data, result)) expect(Number.isSafeInteger(d) && d >= 0).toBe(true);
    expect(lineDigests([1], []).get(1)).toBe(0);
  });

  it("change with any column a full run decides", () => {
    const line = lines.find((l) => l.skipped !== null && l.level > 0)!;
    const digest = (l: DigestLine) => lineDigests([l.orderId], [l]).get(l.orderId);
    const base = digest(line);
    const variants: Partial<DigestLine>[] = [
      { beneficiaryId: line.beneficiaryId + 1 },
      { level: line.level + 1 },
      { generation: line.generation + 1 },
      { rateBps: line.rateBps + 1 },
      { amountCents: line.amountCents + 1 },
      { amountCents: line.amountCents + 2 ** 32 },
      { skipped: null },
      { skipped: `${line.skipped},1` },
      { skipped: line.skipped!.endsWith("t") ? line.skipped!.slice(0, -1) : `${line.skipped}t` },
    ];
    for (const v of variants) expect(digest({ ...line, ...v })).not.toBe(base);
  });
});
