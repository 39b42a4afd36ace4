// npm run db:seed [-- --large [--distributors N] [--orders M] [--seed S]]
// Without flags: seeds the demo company into the configured database when it is empty.
// With --large: a synthetic company of N distributors and M orders (default 1,000,000 /
// 3,000,000) in the current month, ledger included, and prints the ids of the
// distributors whose downlines are closest to 100k, 10k and 1k members.
import { getDatabase } from "@/db/client";
import { isDatabaseEmpty, seedDemoCompany } from "@/db/seed/demo";
import { now } from "@/lib/clock";
import { backgroundRollupsSettled } from "@/lib/ledger/rollups";

interface Args {
  large: boolean;
  distributors: number;
  orders: number;
  seed: number | undefined;
}

const USAGE = "usage: db:seed [--large [--distributors N] [--orders M] [--seed S]]";

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { large: false, distributors: 1_000_000, orders: 3_000_000, seed: undefined };
  const count = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--large") {
      args.large = true;
      continue;
    }
    const value = argv[++i];
    if (flag === "--distributors") args.distributors = count(flag, value);
    else if (flag === "--orders") args.orders = count(flag, value);
    else if (flag === "--seed") args.seed = count(flag, value);
    else throw new Error(`unknown argument ${JSON.stringify(flag)}`);
  }
  if (!args.large && argv.length > 0) throw new Error("--distributors, --orders and --seed go with --large");
  if (args.large && args.distributors < 1) throw new Error("--distributors must be at least 1");
  return args;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const handle = await getDatabase();
  try {
    if (!(await isDatabaseEmpty(handle.db))) {
      console.error("The database already has users: a company is only seeded into an empty database.");
      return 1;
    }
    if (args.large) {
      const { seedLargeCompany } = await import("@/db/seed/large");
      const started = Date.now();
      const seeded = await seedLargeCompany(handle.db, {
        distributors: args.distributors,
        orders: args.orders,
        seed: args.seed,
        now: now(),
        log: (line) => console.info(`  ${line}`),
      });
      console.info(
        `Seeded a large company: ${seeded.distributors} distributors, ${seeded.orders} orders, ${seeded.lines} commission lines in ${Date.now() - started} ms.`,
      );
      for (const l of seeded.leaders) console.info(`  distributor ${l.id} (rep-${l.id}@example.com): ${l.downline} in their downline`);
      return 0;
    }
    const seeded = await seedDemoCompany(handle.db, now());
    console.info(`Seeded the demo company: ${seeded.distributors} distributors, ${seeded.orders} orders.`);
    return 0;
  } finally {
    // The demo's orders queued team rollups: applied before the connection closes.
    await backgroundRollupsSettled(handle.db);
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
