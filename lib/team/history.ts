import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { TeamContext } from "./context";

export const HISTORY_PERIODS = 12;

export interface PeriodEarningsDto {
  periodId: number;
  startsOn: string;
  /** Still open: estimated until it closes. */
  pending: boolean;
  /** Net per level (commissions plus clawbacks), integer minor units; levels without lines are absent. */
  byLevel: Record<number, number>;
  totalCents: number;
}

export interface PeriodVolumeDto {
  periodId: number;
  startsOn: string;
  pending: boolean;
  pv: number;
  gv: number;
}

export interface TeamHistoryDto {
  earnings: PeriodEarningsDto[];
  /** Every level that appears in `earnings`, ascending. */
  levels: number[];
  volumes: PeriodVolumeDto[];
}

/** The owner's earnings per period and level, and PV/GV per period, for the last 12 periods up to the current one (oldest first). */
export async function getTeamHistory(db: Database, ctx: TeamContext, count = HISTORY_PERIODS): Promise<TeamHistoryDto> {
  const periods = ctx.periods.slice(-count);
  if (periods.length === 0) return { earnings: [], levels: [], volumes: [] };
  const ids = sql.join(
    periods.map((p) => sql`${p.id}`),
    sql`, `,
  );
  const [lines, stats] = await Promise.all([
    queryRows<{ period_id: number; level: number; cents: string | number }>(
      db,
      sql`select period_id, level, sum(amount_cents) as cents from commission_ledger
          where beneficiary_id = ${ctx.owner.id} and period_id in (${ids})
          group by period_id, level`,
    ),
    queryRows<{ period_id: number; pv: string | number; gv: string | number }>(
      db,
      sql`select period_id, pv, gv from distributor_period_stats where distributor_id = ${ctx.owner.id} and period_id in (${ids})`,
    ),
  ]);
  const levels = [...new Set(lines.map((l) => l.level))].sort((a, b) => a - b);
  const earnings = periods.map((p): PeriodEarningsDto => {
    const byLevel: Record<number, number> = {};
    let totalCents = 0;
    for (const l of lines) {
      if (l.period_id !== p.id) continue;
      byLevel[l.level] = Number(l.cents);
      totalCents += Number(l.cents);
    }
    return { periodId: p.id, startsOn: p.startsOn, pending: p.status === "open", byLevel, totalCents };
  });
  const volumes = periods.map((p): PeriodVolumeDto => {
    const s = stats.find((r) => r.period_id === p.id);
    return { periodId: p.id, startsOn: p.startsOn, pending: p.status === "open", pv: Number(s?.pv ?? 0), gv: Number(s?.gv ?? 0) };
  });
  return { earnings, levels, volumes };
}
