// fast-check generators of small valid interchange inputs (acyclic by construction:
// sponsors are drawn among earlier distributors, then the list is shuffled).
import fc from "fast-check";
import type { InterchangeDistributor, InterchangeInput, InterchangeOrder, Plan } from "./types";

const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 2 }) },
);

const bpsArb = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constantFrom(0, 100, 1000, 5000, 10000));

/** Plans with each form of the retail rule off (absent, or 0) about half the time. */
export const planArb = (options: { pvOnlyRanks?: boolean; retail?: boolean } = {}): fc.Arbitrary<Plan> =>
  fc
    .tuple(
      basePlanArb(options),
      options.retail === false ? fc.constant(undefined) : fc.option(fc.oneof(bpsArb, fc.constantFrom(3000, 5000, 7000)), { nil: undefined }),
      options.retail === false ? fc.constant(undefined) : fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(100)), { nil: undefined }),
    )
    .map(([plan, retailMinBps, retailMinCustomers]) => ({
      ...plan,
      ...(retailMinBps === undefined ? {} : { retailMinBps }),
      ...(retailMinCustomers === undefined ? {} : { retailMinCustomers }),
    }));

const basePlanArb = (options: { pvOnlyRanks?: boolean }): fc.Arbitrary<Plan> =>
  fc.record({
    activeMinPv: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 50, 100)),
    personalBps: bpsArb,
    levelsBps: fc.array(bpsArb, { maxLength: 6 }),
    compression: fc.boolean(),
    ranks: fc.array(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 4 }),
        minPv: fc.integer({ min: 0, max: 300 }),
        minGv: options.pvOnlyRanks === true ? fc.constant(0) : fc.integer({ min: 0, max: 1500 }),
        paidLevels: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.constant(6)),
      }),
      { maxLength: 4 },
    ),
  });

const cvArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e11 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

const statusArb = fc.constantFrom<InterchangeOrder["status"]>("paid", "paid", "paid", "paid", "refunded", "cancelled");

export const inputArb = (
  options: { maxDistributors?: number; maxOrders?: number; pvOnlyRanks?: boolean; retail?: boolean } = {},
): fc.Arbitrary<InterchangeInput> =>
  fc.uniqueArray(idArb, { minLength: 1, maxLength: options.maxDistributors ?? 20, size: "max" }).chain((ids) => {
    const n = ids.length;
    const sponsorArb = (i: number): fc.Arbitrary<number> =>
      i === 0
        ? fc.constant(-1)
        : fc.oneof(
            { weight: 1, arbitrary: fc.constant(-1) },
            { weight: 6, arbitrary: fc.constant(i - 1) }, // long legs, so levels run out less often
            { weight: 5, arbitrary: fc.integer({ min: 0, max: i - 1 }) },
          );
    return fc
      .record({
        plan: planArb(options),
        sponsors: fc.tuple(...ids.map((_, i) => sponsorArb(i))),
        terminated: fc.array(fc.option(fc.boolean(), { nil: undefined, freq: 3 }), { minLength: n, maxLength: n }),
        order: fc.shuffledSubarray(
          ids.map((_, i) => i),
          { minLength: n, maxLength: n },
        ),
        orders: fc.array(
          fc.record({
            seller: fc.integer({ min: 0, max: n - 1 }),
            kind: fc.constantFrom<"personal" | "retail">("personal", "retail"),
            pv: fc.oneof(fc.integer({ min: 0, max: 250 }), fc.constant(100)),
            cvCents: cvArb,
            status: statusArb,
            // A few customers, so sellers share them and buy from the same one twice.
            customerId: fc.option(fc.constantFrom("c1", "c2", "c3", "c4", "C1"), { nil: undefined, freq: 4 }),
          }),
          { maxLength: options.maxOrders ?? 40, size: "max" },
        ),
      })
      .map(({ plan, sponsors, terminated, order, orders }): InterchangeInput => {
        const distributors = order.map((i): InterchangeDistributor => {
          const s = sponsors[i] ?? -1;
          const d: InterchangeDistributor = { id: ids[i] ?? "", sponsorId: s < 0 ? null : (ids[s] ?? null) };
          const t = terminated[i];
          return t === undefined ? d : { ...d, terminated: t };
        });
        return {
          plan,
          distributors,
          orders: orders.map((o, j) => ({
            id: `o${j}`,
            sellerId: ids[o.seller] ?? "",
            kind: o.kind,
            pv: o.pv,
            cvCents: o.cvCents,
            status: o.status,
            ...(o.customerId === undefined ? {} : { customerId: o.customerId }),
          })),
        };
      });
  });

/** A deterministic shuffle (Fisher-Yates on a seeded LCG). */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) {
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}
