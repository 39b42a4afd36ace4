// The benchmark's plumbing: suites register measurements; scripts/bench.ts runs each one
// in a fresh child process so that its time and peak memory are its own.

/** What every measurement prints: one JSON line on stdout. */
export interface MeasurementLine {
  name: string;
  distributors: number;
  orders: number;
  /** Median wall time of the timed runs, milliseconds. */
  ms: number;
  /** Peak resident set size of the measuring process, MB (null when unknown). */
  rssMb: number | null;
}

export interface BenchOptions {
  distributors: number;
  orders: number;
  /** Timed runs per measurement (after one untimed warm-up run when warmup is true). */
  repeat: number;
  warmup: boolean;
  seed: number;
}

export interface Measurement {
  name: string;
  /** Runs in the child process and returns its line. */
  run(options: BenchOptions): Promise<MeasurementLine>;
}

export interface Suite {
  name: string;
  measurements: Measurement[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round((value ?? 0) * 10) / 10;
}

/** Peak RSS of this process so far, MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Collects garbage between runs when the process was started with --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/**
 * Times `run` `repeat` times (after an untimed warm-up run if asked), collecting garbage
 * in between, and returns the median. `setup` output is not timed.
 */
export async function timeRuns<T>(options: BenchOptions, setup: () => T, run: (input: T) => unknown): Promise<number> {
  const input = setup();
  collectGarbage();
  if (options.warmup) {
    run(input);
    collectGarbage();
  }
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, options.repeat); i++) {
    const start = performance.now();
    const result = run(input);
    times.push(performance.now() - start);
    if (result === undefined) throw new Error("benchmark produced nothing");
    collectGarbage();
    await Promise.resolve();
  }
  return median(times);
}
