import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { formatPeriod } from "@/lib/format";
import { enqueueJob } from "@/lib/jobs/queue";
import type { JobContext, RecurringJob } from "@/lib/jobs/worker";
import type { Executor } from "@/lib/ledger/db";
import { audienceOf, notifyAudience, runFanOutChunk, type ManyNotification } from "@/lib/notifications/fan-out";

// Rank advancements. A distributor's rank in a period is what the engine last
// computed (distributor_period_stats.rank_position, kept by every order and
// full run). Detecting a new high on the order path would slow it, so a job
// looks instead: every hour for each open period, and once more when a period
// closes (its final full run may move ranks). It notifies each active
// distributor whose rank in the period is higher than any they held in an
// earlier period and than any they were already told of in this one, once
// per distributor, rank and period (event key rank:<period>:<position>).
// Positions compare across plan versions: a plan's ranks are listed lowest first.

export const RANK_CHECK = "notify.rank_check";
const CHUNK = 1000;

/** Queues a check of one period ("closed": the last one, after its final run; else the hour's key). */
export async function queueRankCheck(tx: Executor, periodId: number, round: string, at: Date): Promise<void> {
  await enqueueJob(tx, { kind: RANK_CHECK, key: `rank-check:${periodId}:${round}`, payload: { periodId }, at });
}

/** Every hour: a check of each open period. */
export const hourlyRankCheck: RecurringJob = {
  kind: RANK_CHECK,
  keyFor: (at) => `rank-check:${at.toISOString().slice(0, 13)}`,
};

interface Advancement {
  distributor_id: number;
  user_id: number;
  position: number;
  rank: string;
}

/** The job: without a period, it queues the hour's check of each open period; with one, it checks one chunk of it. */
export function rankCheck(chunk = CHUNK) {
  return async (ctx: JobContext): Promise<void> => {
    const periodId = ctx.job.payload.periodId;
    if (typeof periodId !== "number") {
      const open = await queryRows<{ id: number }>(ctx.db, sql`select id from commission_periods where status = 'open' order by starts_on`);
      const hour = ctx.job.key.slice("rank-check:".length);
      for (const p of open) await queueRankCheck(ctx.db, p.id, hour, ctx.at);
      return;
    }
    const root = ctx.job.key.replace(/:after:\d+$/, "");
    await runFanOutChunk(ctx, root, chunk, async (tx, after, limit) => {
      const [period] = await queryRows<{ starts_on: string; status: string }>(
        tx,
        sql`select starts_on::text, status from commission_periods where id = ${periodId}`,
      );
      if (!period) return { last: null, read: 0, notified: 0 };
      const prefix = `rank:${periodId}:`;
      const found = await queryRows<Advancement>(
        tx,
        sql`select s.distributor_id, d.user_id, s.rank_position as position, r.name as rank
            from distributor_period_stats s
            join distributors d on d.id = s.distributor_id
            join commission_periods cp on cp.id = s.period_id
            join plan_ranks r on r.plan_id = cp.plan_id and r.position = s.rank_position
            where s.period_id = ${periodId} and s.distributor_id > ${after} and s.rank_position is not null and d.status = 'active'
              and not exists (
                select 1 from distributor_period_stats e join commission_periods ep on ep.id = e.period_id
                where e.distributor_id = s.distributor_id and ep.starts_on < cp.starts_on and e.rank_position >= s.rank_position)
              and not exists (
                select 1 from notifications n
                where n.user_id = d.user_id and n.kind = 'rank_advancement' and starts_with(n.event_key, ${prefix})
                  and split_part(n.event_key, ':', 3)::int >= s.rank_position)
            order by s.distributor_id limit ${limit}`,
      );
      if (found.length === 0) return { last: null, read: 0, notified: 0 };
      const month = formatPeriod(period.starts_on);
      const rows: ManyNotification[] = found.map((a) => ({
        userId: a.user_id,
        eventKey: `${prefix}${a.position}`,
        title: `You reached ${a.rank}`,
        body: [
          `Your rank for ${month} is ${a.rank}, the highest you have reached so far. Congratulations!`,
          ...(period.status === "open" ? [`It holds for ${month} as long as your volumes stay at its level until the period closes.`] : []),
        ],
        href: "/dashboard",
      }));
      const { notified } = await notifyAudience(tx, { kind: "rank_advancement", audience: audienceOf(rows), action: "See your dashboard", at: ctx.at });
      return { last: found[found.length - 1]!.distributor_id, read: found.length, notified };
    });
  };
}
