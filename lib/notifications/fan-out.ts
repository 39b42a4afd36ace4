import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { enqueueJob } from "@/lib/jobs/queue";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { JobContext } from "@/lib/jobs/worker";
import type { Executor, Tx } from "@/lib/ledger/db";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { notificationKinds, type NotificationKindName } from "./kinds";

// notify() for many users at once: one statement inserts the notifications of
// a whole chunk, with each user's preferences read in the same statement, and
// queues the instant emails (and their delivery jobs) of those it notified.
// Used by the fan-out jobs (period earnings, payouts, ranks, announcements),
// which walk their audience in chunks so no request or transaction grows with
// the company.

export interface ManyNotification {
  userId: number;
  /** Once per event and user, as in notify(). */
  eventKey: string;
  title: string;
  body: string[];
  href?: string | null;
}

/**
 * The audience as SQL: a select of (user_id int, event_key text, title text,
 * body_text text, body jsonb, href text); body_text is the paragraphs joined
 * by blank lines (the in-app row), body the same paragraphs as a JSON array
 * (the email's).
 */
export type AudienceSql = SQL;

/** Notifies the audience of `kind`, honouring each user's preferences; returns how many were notified (new rows) and emailed. */
export async function notifyAudience(
  db: Executor,
  opts: {
    kind: NotificationKindName;
    audience: AudienceSql;
    action?: string;
    /** Email (instant or digest) only to verified addresses; the unverified get the in-app notification alone. */
    emailVerifiedOnly?: boolean;
    at: Date;
  },
): Promise<{ notified: number; emailed: number }> {
  const spec = notificationKinds[opts.kind];
  const at = opts.at.toISOString();
  const chosen = spec.essential ? sql`'instant'` : sql`coalesce(pe.mode, ${spec.defaults.email})`;
  const emailMode = opts.emailVerifiedOnly ? sql`case when u.email_verified_at is null then 'off' else ${chosen} end` : chosen;
  const [row] = await queryRows<{ notified: number; emailed: number }>(
    db,
    sql`with audience as (${opts.audience}),
      modes as (
        select a.user_id, a.event_key, a.title, a.body_text, a.body, a.href, u.email,
               coalesce(pi.mode, ${spec.defaults.in_app}) as in_app, ${emailMode} as email_mode
        from audience a join users u on u.id = a.user_id
        left join notification_preferences pi on pi.user_id = a.user_id and pi.kind = ${opts.kind} and pi.channel = 'in_app'
        left join notification_preferences pe on pe.user_id = a.user_id and pe.kind = ${opts.kind} and pe.channel = 'email'
      ),
      n as (
        insert into notifications (user_id, kind, event_key, title, body, href, created_at, read_at, digest_due_at)
        select user_id, ${opts.kind}, event_key, title, body_text, href, ${at}::timestamptz,
               case when in_app = 'off' then ${at}::timestamptz end, case when email_mode = 'digest' then ${at}::timestamptz end
        from modes
        on conflict (user_id, event_key) do nothing
        returning user_id, event_key
      ),
      e as (
        insert into emails (event_key, user_id, to_address, template, data, category, created_at)
        select 'notify:' || m.user_id || ':' || m.event_key, m.user_id, m.email, 'notification',
               jsonb_build_object('title', m.title, 'body', m.body, 'href', m.href, 'action', ${opts.action ?? null}::text),
               ${spec.essential ? null : opts.kind}::text, ${at}::timestamptz
        from modes m join n on n.user_id = m.user_id and n.event_key = m.event_key
        where m.email_mode = 'instant'
        on conflict (event_key) do nothing
        returning id
      ),
      j as (
        insert into jobs (kind, key, payload, run_at, created_at)
        select ${DELIVER_EMAIL}, 'mail:' || e.id, jsonb_build_object('emailId', e.id), ${at}::timestamptz, ${at}::timestamptz from e
        returning id
      )
      select (select count(*) from n)::int as notified, (select count(*) from j)::int as emailed`,
  );
  if ((row?.emailed ?? 0) > 0) wakeWorkers();
  return { notified: row?.notified ?? 0, emailed: row?.emailed ?? 0 };
}

/** The audience of notifications made in JavaScript (each with its own text), as SQL for notifyAudience. */
export function audienceOf(rows: ManyNotification[]): AudienceSql {
  const json = JSON.stringify(
    rows.map((r) => ({ user_id: r.userId, event_key: r.eventKey, title: r.title, body_text: r.body.join("\n\n"), body: r.body, href: r.href ?? null })),
  );
  return sql`select * from jsonb_to_recordset(${json}::jsonb) as x(user_id int, event_key text, title text, body_text text, body jsonb, href text)`;
}

export interface FanOutPayload {
  /** The id after which this chunk starts (0: the first). */
  after?: number;
  [key: string]: unknown;
}

/**
 * One chunk of a fan-out job, in one transaction: `step` handles the audience
 * after the cursor (at most `chunk` of it) and returns the last id it read, or
 * null when nothing was left. When it read a full chunk, the next chunk's job
 * is queued in the same transaction under a key of its own, so a retried
 * chunk (its worker died after the commit) notifies nobody twice and queues
 * no second successor. `root` is the fan-out's first job key, whose payload
 * keeps the running count of people notified.
 */
export async function runFanOutChunk(
  ctx: JobContext,
  root: string,
  chunk: number,
  step: (tx: Tx, after: number, limit: number) => Promise<{ last: number | null; read: number; notified: number }>,
): Promise<void> {
  const payload = ctx.job.payload as FanOutPayload;
  const after = typeof payload.after === "number" ? payload.after : 0;
  await ctx.db.transaction(async (tx) => {
    const { last, read, notified } = await step(tx, after, chunk);
    const more = last !== null && read >= chunk;
    await tx.execute(
      sql`update jobs set payload = payload || jsonb_build_object('notified', coalesce((payload->>'notified')::int, 0) + ${notified}::int, 'finished', coalesce((payload->>'finished')::boolean, false) or ${!more}::boolean)
          where key = ${root}`,
    );
    if (more) {
      // The successor carries the fan-out's input, not the root's running count.
      const next = Object.fromEntries(Object.entries(payload).filter(([k]) => k !== "notified" && k !== "finished"));
      await enqueueJob(tx, { kind: ctx.job.kind, key: `${root}:after:${last}`, payload: { ...next, after: last }, at: ctx.at });
    }
  });
}
