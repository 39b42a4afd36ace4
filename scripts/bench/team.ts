// The team suite: the team page's queries on the configured database (DATABASE_URL for
// PostgreSQL, else PGlite) holding a large synthetic company. An empty database is seeded
// first (db/seed/large.ts, the suite's --distributors/--orders/--seed); a non-empty one
// is measured as it is. Leaders are the distributors whose downlines are closest to
// 1k, 10k and 100k members, plus the company's top (the root). Each line carries the
// median (`ms` = `p50Ms`) and the 95th percentile of many timed runs.
import { sql } from "drizzle-orm";
import { getDatabase, type Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { isDatabaseEmpty } from "@/db/seed/demo";
import { now } from "@/lib/clock";
import { loadTeamContext, type TeamContext } from "@/lib/team/context";
import { teamCsv } from "@/lib/team/csv";
import { getDownlinePage, selectDownline } from "@/lib/team/downline";
import { getGenerations, getGenerationsByWalk } from "@/lib/team/generations";
import { getTeamHistory } from "@/lib/team/history";
import { getDashboardSummary } from "@/lib/team/summary";
import { parseTeamQuery } from "@/lib/validation/team";
import { peakRssMb, type BenchOptions, type Measurement, type MeasurementLine, type Suite } from "./types";

type Leader = "top" | "100k" | "10k" | "1k";
const targets: Record<Exclude<Leader, "top">, number> = { "100k": 100_000, "10k": 10_000, "1k": 1_000 };

export interface TeamLine extends MeasurementLine {
  p50Ms: number;
  p95Ms: number;
  runs: number;
  /** Downline size of the distributor measured. */
  downline: number;
}

/**
 * The configured database, once it holds a company. Any company is measured (the
 * leaders are whoever comes closest to each size, and each line says the downline
 * it measured); the recorded figures are for the large one.
 */
async function openSeeded(): Promise<{ db: Database; close: () => Promise<void> }> {
  const handle = await getDatabase();
  if (await isDatabaseEmpty(handle.db)) {
    await handle.close();
    throw new Error("the team suite needs a company: run its team.seed measurement on an empty database first");
  }
  return { db: handle.db, close: handle.close };
}

/** The distributor measured, and their downline size (from the rollups: not timed). */
async function leader(db: Database, which: Leader): Promise<{ id: number; downline: number }> {
  if (which === "top") {
    const [root] = await queryRows<{ id: number; n: number }>(
      db,
      sql`select d.id, (select coalesce(sum(members), 0)::int from team_generation_members where ancestor_id = d.id) as n
          from distributors d where d.sponsor_id is null order by d.id limit 1`,
    );
    return { id: root!.id, downline: root!.n };
  }
  const [best] = await queryRows<{ id: number; n: number }>(
    db,
    sql`select ancestor_id as id, sum(members)::int as n from team_generation_members
        group by ancestor_id order by abs(sum(members) - ${targets[which]}), ancestor_id limit 1`,
  );
  return { id: best!.id, downline: best!.n };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

/** Runs `fn` once untimed, then `runs` times timed, and returns the line with p50 and p95. */
function measure(name: string, which: Leader, runs: (o: BenchOptions) => number, fn: (db: Database, ctx: TeamContext) => Promise<unknown>): Measurement {
  return {
    name,
    async run(o): Promise<TeamLine> {
      const { db, close } = await openSeeded();
      try {
        const l = await leader(db, which);
        const ctx = await loadTeamContext(db, l.id, now());
        if (!ctx) throw new Error(`distributor ${l.id} not found`);
        await fn(db, ctx);
        const n = runs(o);
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          const start = performance.now();
          await fn(db, ctx);
          times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        const p50 = percentile(times, 50);
        return {
          name,
          distributors: o.distributors,
          orders: o.orders,
          ms: p50,
          rssMb: peakRssMb(),
          p50Ms: p50,
          p95Ms: percentile(times, 95),
          runs: n,
          downline: l.downline,
        };
      } finally {
        await close();
      }
    },
  };
}

const many = (o: BenchOptions) => Math.max(40, o.repeat * 20);
const few = (o: BenchOptions) => Math.max(5, o.repeat);
const firstPageByGv = parseTeamQuery({});

const seed: Measurement = {
  name: "team.seed",
  async run(o): Promise<MeasurementLine> {
    const handle = await getDatabase();
    try {
      const start = performance.now();
      if (await isDatabaseEmpty(handle.db)) {
        const { seedLargeCompany } = await import("@/db/seed/large");
        await seedLargeCompany(handle.db, {
          distributors: o.distributors,
          orders: o.orders,
          seed: o.seed,
          now: now(),
          log: (l) => process.stderr.write(`  ${l}\n`),
        });
      }
      return { name: "team.seed", distributors: o.distributors, orders: o.orders, ms: Math.round(performance.now() - start), rssMb: peakRssMb() };
    } finally {
      await handle.close();
    }
  },
};

export const teamSuite: Suite = {
  name: "team",
  measurements: [
    seed,
    ...(["top", "100k", "10k", "1k"] as const).map((w) => measure(`team.generations.${w}`, w, many, (db, ctx) => getGenerations(db, ctx))),
    ...(["100k", "10k", "1k", "top"] as const).map((w) => measure(`team.page-gv.${w}`, w, many, (db, ctx) => getDownlinePage(db, ctx, firstPageByGv))),
    measure("team.generations-walk.100k", "100k", few, (db, ctx) => getGenerationsByWalk(db, ctx)),
    measure(
      "team.generations-walk.top",
      "top",
      () => 3,
      (db, ctx) => getGenerationsByWalk(db, ctx),
    ),
    measure("team.page-name.100k", "100k", few, (db, ctx) => getDownlinePage(db, ctx, parseTeamQuery({ sort: "name" }))),
    measure(
      "team.csv.100k",
      "100k",
      () => 3,
      async (db, ctx) => teamCsv(await selectDownline(db, ctx, firstPageByGv, 250_000, 0), []),
    ),
    // The dashboard: this period's figures with earnings this and last period, and the charts' 12 periods.
    ...(["100k", "1k"] as const).map((w) => measure(`team.dashboard.${w}`, w, few, (db, ctx) => getDashboardSummary(db, ctx))),
    ...(["100k", "1k"] as const).map((w) => measure(`team.history.${w}`, w, few, (db, ctx) => getTeamHistory(db, ctx))),
  ],
};
