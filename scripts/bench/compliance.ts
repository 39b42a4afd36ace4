// The compliance suite: the income disclosure statement (lib/compliance) over the
// seeded company of the db suite (db/seed/large.ts, PostgreSQL at --distributors,
// PGlite at a tenth). The seed's company has one period; the statement is computed
// over it whether or not it is closed (the cost is the same, and the benchmark must
// not close a shared database's period), then the checksum of its inputs.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/rows";
import { computeIncomeStatement, type StatementRange } from "../../lib/compliance/income-statement";
import { statementInputsChecksum } from "../../lib/compliance/statement-inputs";
import { now } from "../../lib/clock";
import { openSeeded, targetFor, type Driver } from "./db-target";
import { collectGarbage, median, peakRssMb, type Measurement, type Suite } from "./types";

function statement(driver: Driver): Measurement {
  const name = `compliance.${driver}.income-statement`;
  return {
    name,
    async run(o) {
      const t = targetFor(driver, o);
      const handle = await openSeeded(t);
      try {
        const periods = await queryRows<{ id: number; startsOn: string; endsOn: string }>(
          handle.db,
          sql`select id, starts_on::text as "startsOn", ends_on::text as "endsOn" from commission_periods order by starts_on`,
        );
        const endsOn = periods.at(-1)!.endsOn;
        const cutoff = new Date(`${endsOn}T00:00:00Z`);
        cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
        const range: StatementRange = { periods, startsOn: periods[0]!.startsOn, endsOn, retentionCutoff: cutoff.toISOString().slice(0, 10) };
        const times: number[] = [];
        const checksumTimes: number[] = [];
        let population = 0;
        for (let i = 0; i < Math.max(1, o.repeat) + (o.warmup ? 1 : 0); i++) {
          collectGarbage();
          const started = performance.now();
          const s = await computeIncomeStatement(handle.db, range, now());
          const computed = performance.now();
          await statementInputsChecksum(handle.db, range);
          if (o.warmup && i === 0) continue;
          times.push(computed - started);
          checksumTimes.push(performance.now() - computed);
          population = s.population.total;
        }
        const [lines] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from commission_ledger`);
        return {
          name,
          distributors: t.distributors,
          orders: t.orders,
          ms: median(times),
          rssMb: peakRssMb(),
          checksumMs: median(checksumTimes),
          population,
          periods: periods.length,
          ledgerLines: lines?.n ?? 0,
        };
      } finally {
        await handle.close();
      }
    },
  };
}

export const complianceSuite: Suite = { name: "compliance", measurements: [statement("postgres"), statement("pglite")] };
