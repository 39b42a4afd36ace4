// The engine suite: full runs over a synthetic company built straight into typed arrays
// (as the app builds them from SQL aggregates), the string-id JSON wrapper, and the CLI.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { computePeriod, explainOrder, runCompute, type Plan } from "../../lib/commissions";
import { createRng, syntheticCompany, syntheticInterchange, type SyntheticCompany } from "../../lib/commissions/synthetic";
import { median, peakRssMb, timeRuns, type BenchOptions, type Measurement, type MeasurementLine, type Suite } from "./types";

const repoRoot = path.resolve(__dirname, "../..");

function synth(o: BenchOptions): SyntheticCompany {
  return syntheticCompany({ distributors: o.distributors, orders: o.orders, seed: o.seed });
}

/** The same company with distributors renumbered at random: sponsors no longer precede recruits. */
function renumbered(s: SyntheticCompany, seed: number): SyntheticCompany {
  const n = s.company.sponsor.length;
  const rnd = createRng(seed);
  const newIndex = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = newIndex[i]!;
    newIndex[i] = newIndex[j]!;
    newIndex[j] = t;
  }
  const sponsor = new Int32Array(n);
  const terminated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = s.company.sponsor[i]!;
    sponsor[newIndex[i]!] = p < 0 ? -1 : newIndex[p]!;
    terminated[newIndex[i]!] = s.company.terminated[i]!;
  }
  const seller = Int32Array.from(s.orders.seller, (d) => newIndex[d]!);
  return { plan: s.plan, company: { sponsor, terminated }, orders: { ...s.orders, seller } };
}

function line(name: string, distributors: number, orders: number, ms: number): MeasurementLine {
  return { name, distributors, orders, ms, rssMb: peakRssMb() };
}

/** A full run over typed arrays; `prepare` may change the company or the plan first (untimed). */
function fullRun(
  name: string,
  options: { explain?: boolean; cold?: boolean; prepare?: (s: SyntheticCompany, o: BenchOptions) => SyntheticCompany; pvByDistributor?: boolean },
): Measurement {
  return {
    name,
    async run(o) {
      const runOptions = options.cold === true ? { ...o, warmup: false, repeat: 1 } : o;
      const ms = await timeRuns(
        runOptions,
        () => {
          const s = options.prepare === undefined ? synth(o) : options.prepare(synth(o), o);
          // The app may aggregate PV per distributor in SQL: computed here, untimed.
          const pv = options.pvByDistributor === true ? computePeriod(s.plan, s.company, s.orders).pv : undefined;
          return { s, pv };
        },
        ({ s, pv }) => {
          const { seller, kind, cv, counted } = s.orders;
          const orders = pv === undefined ? s.orders : { seller, kind, cv, counted };
          const r = computePeriod(s.plan, s.company, orders, { explain: options.explain === true, pvByDistributor: pv });
          return r.lines.count;
        },
      );
      return line(name, o.distributors, o.orders, ms);
    },
  };
}

const withPlan =
  (change: Partial<Plan>) =>
  (s: SyntheticCompany): SyntheticCompany => ({ ...s, plan: { ...s.plan, ...change } });

/** Object forms of every counted order's explanation (what a "why" page builds, for all orders at once). */
const explainObjects: Measurement = {
  name: "engine.explain-objects.all-orders",
  async run(o) {
    const ms = await timeRuns(
      { ...o, warmup: false },
      () => {
        const s = synth(o);
        return computePeriod(s.plan, s.company, s.orders, { explain: true });
      },
      (r) => {
        let objects = 0;
        for (let i = 0; i < r.orders.seller.length; i++) {
          const e = explainOrder(r, i);
          objects += e.lines.length + e.breakage.length;
          for (const l of e.lines) objects += l.skipped.length;
        }
        return objects;
      },
    );
    return line("engine.explain-objects.all-orders", o.distributors, o.orders, ms);
  },
};

/** The string-id JSON path of the CLI (parse, validate, index, compute, format), at a tenth of the size. */
const interchange: Measurement = {
  name: "interchange.compute-json",
  async run(o) {
    const d = Math.max(1, Math.round(o.distributors / 10));
    const m = Math.round(o.orders / 10);
    const ms = await timeRuns(
      o,
      () => JSON.stringify(syntheticInterchange(syntheticCompany({ distributors: d, orders: m, seed: o.seed }))),
      (text) => {
        let bytes = 0;
        const r = runCompute(text, (chunk) => {
          bytes += chunk.length;
        });
        if (r.code !== 0) throw new Error(r.error);
        return bytes;
      },
    );
    return line("interchange.compute-json", d, m, ms);
  },
};

/** Wall time of the command on the spec's example, through npm (as documented) and through tsx directly. */
function cliExample(name: string, command: string, args: string[]): Measurement {
  return {
    name,
    async run(o) {
      const example = path.join(repoRoot, "lib/commissions/fixtures/basic.input.json");
      const times: number[] = [];
      let rssMb: number | null = null;
      const runs = Math.max(3, o.repeat);
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        // /usr/bin/time reports the command's peak RSS (KB) on stderr; fall back to running it bare.
        const timed = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args, example], { cwd: repoRoot, encoding: "utf8" });
        const r = timed.error === undefined ? timed : spawnSync(command, [...args, example], { cwd: repoRoot, encoding: "utf8" });
        times.push(performance.now() - start);
        if (r.status !== 0 || !r.stdout.includes('"breakageCents":6940')) throw new Error(`${name} failed: ${r.stderr}`);
        const kb = timed.error === undefined ? Number(r.stderr.trim().split("\n").at(-1)) : NaN;
        if (Number.isFinite(kb)) rssMb = Math.max(rssMb ?? 0, Math.round(kb / 1024));
      }
      return { name, distributors: 4, orders: 5, ms: median(times), rssMb };
    },
  };
}

export const engineSuite: Suite = {
  name: "engine",
  measurements: [
    fullRun("engine.full", {}),
    fullRun("engine.full.cold", { cold: true }),
    fullRun("engine.full.explain", { explain: true }),
    fullRun("engine.full.explain.cold", { explain: true, cold: true }),
    fullRun("engine.full.no-compression", { prepare: withPlan({ compression: false }) }),
    fullRun("engine.full.retail-rule", { prepare: withPlan({ retailMinBps: 5000 }) }),
    fullRun("engine.full.retail-customers", { prepare: withPlan({ retailMinCustomers: 2 }) }),
    fullRun("engine.full.unsorted-ids", { prepare: (s, o) => renumbered(s, o.seed + 1) }),
    fullRun("engine.full.pv-by-distributor", { pvByDistributor: true }),
    explainObjects,
    interchange,
    cliExample("cli.example.npm-run", "npm", ["run", "--silent", "commissions", "--", "compute"]),
    cliExample("cli.example.tsx", path.join(repoRoot, "node_modules/.bin/tsx"), ["scripts/commissions.ts", "compute"]),
  ],
};
