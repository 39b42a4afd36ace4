// `npm run bench -- [--suite NAME]... [--distributors N] [--orders M] [--repeat R] [--only TEXT] [--seed S] [--keep]`
//
// Runs every measurement of the chosen suites (default: all registered) in its own child
// process, so that each one's time and peak memory are its own, and prints one JSON line
// per measurement: {"name","distributors","orders","ms","rssMb"}. Progress goes to stderr.
//
// To add a suite (e.g. database benchmarks), add a loader to `suites`: it is imported only
// when that suite runs.
import { spawnSync } from "node:child_process";
import type { BenchOptions, Suite } from "./bench/types";

const suites: Record<string, () => Promise<Suite>> = {
  engine: async () => (await import("./bench/engine")).engineSuite,
  team: async () => (await import("./bench/team")).teamSuite,
  db: async () => (await import("./bench/db")).dbSuite,
  autoship: async () => (await import("./bench/autoship")).autoshipSuite,
  compliance: async () => (await import("./bench/compliance")).complianceSuite,
  pages: async () => (await import("./bench/pages")).pagesSuite,
};

const USAGE = `usage: bench [--suite ${Object.keys(suites).join("|")}]... [--distributors N] [--orders M] [--repeat R] [--only TEXT] [--seed S] [--keep] [--subscriptions N] [--workers W] [--rate R]`;

interface Args extends BenchOptions {
  suites: string[];
  /** Keep the databases the db suite creates (read by that suite from the arguments). */
  keep: boolean;
  only: string | null;
  /** Flags of one suite, passed on to its measurements as given. */
  suiteFlags: string[];
  /** Internal: run one measurement here and print its line ("suite:name"). */
  child: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    suites: [],
    suiteFlags: [],
    keep: false,
    only: null,
    child: null,
    distributors: 1_000_000,
    orders: 3_000_000,
    repeat: 3,
    warmup: true,
    seed: 20240601,
  };
  const count = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--keep") {
      args.keep = true;
      continue;
    }
    switch (flag) {
      case "--suite":
        if (value === undefined || !Object.hasOwn(suites, value)) throw new Error(`unknown suite ${JSON.stringify(value)}`);
        args.suites.push(value);
        break;
      case "--distributors":
        args.distributors = count(flag, value);
        break;
      case "--orders":
        args.orders = count(flag, value);
        break;
      case "--repeat":
        args.repeat = Math.max(1, count(flag, value));
        break;
      case "--seed":
        args.seed = count(flag, value);
        break;
      case "--only":
        if (value === undefined) throw new Error("--only needs a text");
        args.only = value;
        break;
      // The autoship suite's own sizes (scripts/bench/autoship.ts reads them).
      case "--subscriptions":
      case "--workers":
      case "--rate":
        args.suiteFlags.push(flag, String(count(flag, value)));
        break;
      case "--child":
        args.child = value ?? null;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(flag)}`);
    }
    i++;
  }
  if (args.suites.length === 0) args.suites = Object.keys(suites);
  return args;
}

async function load(name: string): Promise<Suite> {
  const loader = suites[name];
  if (loader === undefined) throw new Error(`unknown suite ${JSON.stringify(name)}`);
  return loader();
}

async function runChild(args: Args, target: string): Promise<void> {
  const [suiteName = "", name = ""] = target.split(":");
  const m = (await load(suiteName)).measurements.find((x) => x.name === name);
  if (m === undefined) throw new Error(`no measurement ${JSON.stringify(target)}`);
  process.stdout.write(`${JSON.stringify(await m.run(args))}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.child !== null) {
    await runChild(args, args.child);
    return 0;
  }
  const passOn = ["--distributors", String(args.distributors), "--orders", String(args.orders), "--repeat", String(args.repeat), "--seed", String(args.seed)];
  if (args.keep) passOn.push("--keep");
  passOn.push(...args.suiteFlags);
  let failed = 0;
  for (const suiteName of args.suites) {
    for (const m of (await load(suiteName)).measurements) {
      if (args.only !== null && !m.name.includes(args.only)) continue;
      process.stderr.write(`bench: ${m.name}...\n`);
      // Same node, same loader (tsx), plus --expose-gc so runs can collect garbage in between.
      const r = spawnSync(
        process.execPath,
        [...process.execArgv, "--expose-gc", process.argv[1] ?? "scripts/bench.ts", ...passOn, "--child", `${suiteName}:${m.name}`],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
          maxBuffer: 1 << 20,
        },
      );
      if (r.status === 0) process.stdout.write(r.stdout);
      else {
        failed++;
        process.stderr.write(`bench: ${m.name} failed (status ${r.status}, signal ${r.signal})\n`);
      }
    }
  }
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
