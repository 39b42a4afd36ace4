// The compliance suite: the income disclosure statement (lib/compliance) over the
// seeded company of the db suite (db/seed/large.ts, PostgreSQL at --distributors,
// PGlite at a tenth). The seed's company has one period, open, and the statement
// reads closed periods' totals (period_earnings, written when a period closes).
// Each measurement works in one transaction that it rolls back, so a shared
// database's period is never closed and nothing it writes stays:
// - income-statement: the seed's month. Its totals are written as a close writes
//   them (timed: `totalsMs`, what the close adds), then the statement and the
//   checksum of its inputs over that month;
// - income-statement-year: the same month plus the eleven before it, whose totals
//   are copies of the month's (a real year's 150M ledger lines cannot be seeded
//   here; the statement reads only the totals, one row a person a period, so
//   their content does not change its cost), then the statement and checksum over the twelve.
import { sql, TransactionRollbackError } from "drizzle-orm";
import { queryRows } from "../../db/rows";
import { computeIncomeStatement, type ClosedPeriod, type StatementRange } from "../../lib/compliance/income-statement";
import { statementInputsChecksum } from "../../lib/compliance/statement-inputs";
import { now } from "../../lib/clock";
import type { Executor } from "../../lib/ledger/db";
import { writePeriodEarnings } from "../../lib/ledger/period-earnings";
import { openSeeded, targetFor, type Driver } from "./db-target";
import { collectGarbage, median, peakRssMb, type BenchOptions, type Measurement, type MeasurementLine, type Suite } from "./types";

function rangeOf(periods: ClosedPeriod[]): StatementRange {
  const endsOn = periods.at(-1)!.endsOn;
  const cutoff = new Date(`${endsOn}T00:00:00Z`);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
  return { periods, startsOn: periods[0]!.startsOn, endsOn, retentionCutoff: cutoff.toISOString().slice(0, 10) };
}

/** The eleven months before `month` as periods with the month's totals copied in, then closed; returns them oldest first. */
async function syntheticMonths(tx: Executor, month: ClosedPeriod & { planId: number }): Promise<ClosedPeriod[]> {
  const made: ClosedPeriod[] = [];
  for (let k = 11; k >= 1; k--) {
    // Written while open (the database refuses rows of a closed period), closed after.
    const [p] = await queryRows<ClosedPeriod>(
      tx,
      sql`insert into commission_periods (starts_on, ends_on, plan_id, status)
          values ((${month.startsOn}::date - make_interval(months => ${k}))::date, (${month.startsOn}::date - make_interval(months => ${k - 1}))::date, ${month.planId}, 'open')
          returning id, starts_on::text as "startsOn", ends_on::text as "endsOn"`,
    );
    await tx.execute(sql`
      insert into period_earnings (period_id, distributor_id, commission_cents, clawback_cents, purchases_cents, refunds_cents, rank_position, active)
      select ${p!.id}, distributor_id, commission_cents, clawback_cents, purchases_cents, refunds_cents, rank_position, active
      from period_earnings where period_id = ${month.id}`);
    await tx.execute(sql`update commission_periods set status = 'closed', closed_at = now() where id = ${p!.id}`);
    made.push(p!);
  }
  return made;
}

function statement(driver: Driver, year: boolean): Measurement {
  const name = `compliance.${driver}.income-statement${year ? "-year" : ""}`;
  return {
    name,
    async run(o: BenchOptions) {
      const t = targetFor(driver, o);
      const handle = await openSeeded(t);
      const result: { line?: MeasurementLine } = {};
      try {
        await handle.db.transaction(async (tx) => {
          const [month] = await queryRows<ClosedPeriod & { planId: number }>(
            tx,
            sql`select id, starts_on::text as "startsOn", ends_on::text as "endsOn", plan_id as "planId" from commission_periods order by starts_on desc limit 1`,
          );
          const totalsStarted = performance.now();
          await writePeriodEarnings(tx, month!.id);
          const totalsMs = performance.now() - totalsStarted;
          const periods = year ? [...(await syntheticMonths(tx, month!)), month!] : [month!];
          // As autovacuum would have by then; rolled back with the rest.
          await tx.execute(sql`analyze period_earnings`);
          const range = rangeOf(periods.map(({ id, startsOn, endsOn }) => ({ id, startsOn, endsOn })));
          const times: number[] = [];
          const checksumTimes: number[] = [];
          let population = 0;
          for (let i = 0; i < Math.max(1, o.repeat) + (o.warmup ? 1 : 0); i++) {
            collectGarbage();
            const started = performance.now();
            const s = await computeIncomeStatement(tx, range, now());
            const computed = performance.now();
            await statementInputsChecksum(tx, range);
            if (o.warmup && i === 0) continue;
            times.push(computed - started);
            checksumTimes.push(performance.now() - computed);
            population = s.population.total;
          }
          const [counts] = await queryRows<{ lines: number; totals: number }>(
            tx,
            sql`select (select count(*) from commission_ledger)::int as lines, (select count(*) from period_earnings)::int as totals`,
          );
          const out = {
            name,
            distributors: t.distributors,
            orders: t.orders,
            ms: median(times),
            rssMb: peakRssMb(),
            checksumMs: median(checksumTimes),
            totalsMs: Math.round(totalsMs),
            population,
            periods: periods.length,
            ledgerLines: counts?.lines ?? 0,
            periodEarningsRows: counts?.totals ?? 0,
          };
          result.line = out;
          tx.rollback();
        });
      } catch (error) {
        if (!(error instanceof TransactionRollbackError)) throw error;
      } finally {
        await handle.close();
      }
      return result.line!;
    },
  };
}

export const complianceSuite: Suite = {
  name: "compliance",
  measurements: [statement("postgres", false), statement("postgres", true), statement("pglite", false), statement("pglite", true)],
};
