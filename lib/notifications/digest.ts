import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { JobContext, RecurringJob } from "@/lib/jobs/worker";
import { queueEmail } from "@/lib/mail/queue";
import { firstParagraph } from "./inbox";
import { DIGEST_CATEGORY } from "./preferences";

// The daily digest. Once a day, from DIGEST_HOUR_UTC, one job finds the users
// with notifications waiting for their digest (digest_due_at set by notify())
// and queues one job per user; each of those, in one transaction, queues that
// user's digest email and clears the markers of what it lists. The work is
// split per user so a company of 100,000 users never holds one long
// transaction, and every key names the day, so a second run sends nothing new.

export const DIGEST_JOB = "notifications.digest";
export const DIGEST_USER_JOB = "notifications.digest-user";
/** The hour of the day (UTC) from which the day's digest goes out. */
export const DIGEST_HOUR_UTC = 7;
/** At most this many notifications are listed in one digest; the rest are counted ("and 12 more in the portal"). */
export const DIGEST_MAX_ITEMS = 50;

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The day's digest job, queued by every app instance's worker under the same key once the hour has come (so it runs once a day, late if no instance ran at the hour). */
export const digestRecurringJob: RecurringJob = {
  kind: DIGEST_JOB,
  keyFor: (at) => (at.getUTCHours() < DIGEST_HOUR_UTC ? null : `${DIGEST_JOB}:${dayOf(at)}`),
  payload: (at) => ({ date: dayOf(at) }),
};

function dateOf(ctx: JobContext): string {
  const date = ctx.job.payload.date;
  return typeof date === "string" && DATE.test(date) ? date : dayOf(ctx.at);
}

/** The fan-out: one digest job per user with something waiting; returns how many it queued. */
export async function queueDailyDigests(db: Database, date: string, at: Date): Promise<number> {
  const iso = at.toISOString();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into jobs (kind, key, payload, run_at, created_at)
        select ${DIGEST_USER_JOB}, ${`${DIGEST_USER_JOB}:${date}:`} || u.user_id, jsonb_build_object('userId', u.user_id, 'date', ${date}::text),
               ${iso}::timestamptz, ${iso}::timestamptz
        from (select distinct user_id from notifications where digest_due_at is not null and digest_due_at <= ${iso}::timestamptz) u
        on conflict (key) do nothing
        returning id`,
  );
  if (rows.length > 0) wakeWorkers();
  return rows.length;
}

/**
 * One user's digest of `date`: every notification waiting for it, in one
 * email, and the markers cleared, in one transaction. Nothing waiting, or the
 * day's digest already queued: nothing happens (what waits stays for the next one).
 */
export async function sendDigest(db: Database, userId: number, date: string, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await queryRows<{ email: string }>(tx, sql`select email from users where id = ${userId}`);
    if (!user) return false;
    const waiting = await queryRows<{ id: number; title: string; body: string; href: string | null }>(
      tx,
      sql`select id::float8 as id, title, body, href from notifications
          where user_id = ${userId} and digest_due_at is not null and digest_due_at <= ${at.toISOString()}::timestamptz
          order by created_at, id
          for update`,
    );
    if (waiting.length === 0) return false;
    const queued = await queueEmail(tx, {
      eventKey: `digest:${date}:${userId}`,
      to: user.email,
      userId,
      template: "digest",
      data: {
        date,
        items: waiting.slice(0, DIGEST_MAX_ITEMS).map((n) => ({ title: n.title, line: firstParagraph(n.body), href: n.href })),
        more: Math.max(0, waiting.length - DIGEST_MAX_ITEMS),
      },
      category: DIGEST_CATEGORY,
      at,
    });
    if (!queued) return false;
    await tx.execute(sql`update notifications set digest_due_at = null where id = any(${pgArray(waiting.map((n) => Number(n.id)))}::bigint[])`);
    return true;
  });
}

export async function runDigestJob(ctx: JobContext): Promise<void> {
  await queueDailyDigests(ctx.db, dateOf(ctx), ctx.at);
}

export async function runUserDigestJob(ctx: JobContext): Promise<void> {
  const userId = Number(ctx.job.payload.userId);
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new Error(`a digest job without a user id: ${JSON.stringify(ctx.job.payload)}`);
  await sendDigest(ctx.db, userId, dateOf(ctx), ctx.at);
}
