// The statement's percentiles, by the nearest-rank method on whole cents: no
// interpolation, so every figure is an amount some distributor really earned.
// The SQL in income-statement.ts picks the same 1-based positions.

/** The 1-based position, in ascending order of n values, of the p-th percentile (p a whole percent, 1 to 100): ceil(p * n / 100). */
export function nearestRankPosition(p: number, n: number): number {
  if (!Number.isInteger(p) || p < 1 || p > 100) throw new RangeError(`percentile must be a whole number from 1 to 100: ${p}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`need at least one value: ${n}`);
  return Math.floor((p * n + 99) / 100);
}

/**
 * The 1-based ascending position of the top-1% threshold: the earnings of the
 * ceil(n / 100)-th highest earner, the least a person in the top 1% earned.
 */
export function topPercentPosition(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`need at least one value: ${n}`);
  return n - Math.floor((n + 99) / 100) + 1;
}

/** The p-th percentile of `sorted` (ascending, integer cents) by nearest rank. */
export function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[nearestRankPosition(p, sorted.length) - 1]!;
}

/** The top-1% threshold of `sorted` (ascending). */
export function topPercentThreshold(sorted: readonly number[]): number {
  return sorted[topPercentPosition(sorted.length) - 1]!;
}

/** floor(total / n) for integers of either sign (a mean in whole cents, rounded down as the plan rounds). */
export function floorMean(total: number, n: number): number {
  return Math.floor(total / n);
}
