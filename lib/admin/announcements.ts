import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { enqueueJob } from "@/lib/jobs/queue";
import type { JobContext } from "@/lib/jobs/worker";
import type { Executor } from "@/lib/ledger/db";
import { notifyAudience, runFanOutChunk } from "@/lib/notifications/fan-out";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";

// The admin's announcements to every distributor. Sending stores the
// announcement and queues ONE job (key announcement:<id>) in the same
// transaction; the job notifies the audience in chunks (each chunk one
// set-based statement, its successor queued in the chunk's transaction), so a
// company of a million distributors is never notified inside a request.
// Domain service: the caller checked that the actor is an admin.

export const ANNOUNCEMENT_FAN_OUT = "notify.announcement";
const CHUNK = 1000;

export const announcementJobKey = (id: number) => `announcement:${id}`;

// Who hears an announcement: every active distributor, in the portal; by email
// only at a verified address (an unverified one may not be theirs).
const audienceWhere = sql`d.status = 'active'`;

/** How many distributors an announcement sent now would reach. */
export async function countAnnouncementAudience(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from distributors d join users u on u.id = d.user_id where ${audienceWhere}`);
  return row?.n ?? 0;
}

/** Stores the announcement and queues its fan-out, audited, in one transaction; returns its id and the audience counted then. */
export async function sendAnnouncement(
  db: Database,
  actorUserId: number,
  input: { subject: string; paragraphs: string[] },
  at: Date,
): Promise<{ id: number; audience: number }> {
  return db.transaction(async (tx) => {
    const body = input.paragraphs.join("\n\n");
    // A second click or a replayed form within the hour sends nothing twice.
    const [twin] = await queryRows<{ id: number }>(
      tx,
      sql`select id from announcements where subject = ${input.subject} and body = ${body} and created_at > ${at.toISOString()}::timestamptz - interval '1 hour' limit 1`,
    );
    if (twin) throw new AdminError("This announcement was sent less than an hour ago: it is in the list below.");
    const audience = await countAnnouncementAudience(tx);
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into announcements (subject, body, created_by, created_at) values (${input.subject}, ${body}, ${actorUserId}, ${at.toISOString()}::timestamptz) returning id`,
    );
    const id = row!.id;
    await enqueueJob(tx, { kind: ANNOUNCEMENT_FAN_OUT, key: announcementJobKey(id), payload: { announcementId: id, audience }, at });
    await recordAudit(tx, {
      actorUserId,
      action: "announcement.send",
      entity: "announcement",
      entityId: id,
      after: { subject: input.subject, paragraphs: input.paragraphs.length, audience },
    });
    return { id, audience };
  });
}

/** The fan-out job: one chunk of the audience, by user id. */
export function announcementFanOut(chunk = CHUNK) {
  return async (ctx: JobContext): Promise<void> => {
    const id = Number(ctx.job.payload.announcementId);
    await runFanOutChunk(ctx, announcementJobKey(id), chunk, async (tx, after, limit) => {
      const [a] = await queryRows<{ subject: string; body: string }>(tx, sql`select subject, body from announcements where id = ${id}`);
      if (!a) return { last: null, read: 0, notified: 0 };
      const paragraphs = a.body.split("\n\n");
      const [page] = await queryRows<{ last: number | null; read: number }>(
        tx,
        sql`select max(id)::int as last, count(*)::int as read from (
              select u.id from distributors d join users u on u.id = d.user_id where ${audienceWhere} and u.id > ${after} order by u.id limit ${limit}) c`,
      );
      if (!page || page.read === 0) return { last: null, read: 0, notified: 0 };
      const { notified } = await notifyAudience(tx, {
        kind: "announcement",
        audience: sql`select u.id as user_id, ${announcementJobKey(id)}::text as event_key, ${a.subject}::text as title, ${a.body}::text as body_text,
                        ${JSON.stringify(paragraphs)}::jsonb as body, null::text as href
                      from distributors d join users u on u.id = d.user_id
                      where ${audienceWhere} and u.id > ${after} and u.id <= ${page.last}`,
        emailVerifiedOnly: true,
        at: ctx.at,
      });
      return { last: page.last, read: page.read, notified };
    });
  };
}

export interface AnnouncementDto {
  id: number;
  subject: string;
  paragraphs: string[];
  /** ISO. */
  createdAt: string;
  createdBy: string;
  /** Distributors counted when it was sent. */
  audience: number;
  /** Distributors notified so far. */
  notified: number;
  /** The fan-out has gone through the whole audience. */
  finished: boolean;
}

/** The newest announcements, with their fan-out's progress (kept on its first job). */
export async function listAnnouncements(db: Executor, limit = 50): Promise<AnnouncementDto[]> {
  const rows = await queryRows<{
    id: number;
    subject: string;
    body: string;
    created_at: string;
    created_by: string;
    payload: { audience?: number; notified?: number; finished?: boolean } | null;
  }>(
    db,
    sql`select a.id, a.subject, a.body, a.created_at::text, u.name as created_by, j.payload
        from announcements a join users u on u.id = a.created_by left join jobs j on j.key = 'announcement:' || a.id
        order by a.created_at desc, a.id desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    paragraphs: r.body.split("\n\n"),
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    audience: r.payload?.audience ?? 0,
    notified: r.payload?.notified ?? 0,
    finished: r.payload?.finished === true,
  }));
}
