import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import { queueEmail } from "@/lib/mail/queue";
import { notificationKinds, type NotificationKindName, type NotificationMode } from "./kinds";

export interface NewNotification {
  userId: number;
  kind: NotificationKindName;
  /** Once per event and user ("order:1234:paid"): a retried action notifies nobody twice. */
  eventKey: string;
  title: string;
  /** Paragraphs: the first is the in-app line, all of them go in the email. */
  body: string[];
  /** Where to act on it in the portal ("/dashboard/team"). */
  href?: string | null;
  /** The email's button label. */
  action?: string;
  at: Date;
}

/** The user's mode for a kind on each channel: their choice, else the kind's default; essential email is always instant. */
export async function notificationModes(
  db: Executor,
  userId: number,
  kind: NotificationKindName,
): Promise<{ in_app: NotificationMode; email: NotificationMode }> {
  const spec = notificationKinds[kind];
  const rows = await queryRows<{ channel: "in_app" | "email"; mode: NotificationMode }>(
    db,
    sql`select channel, mode from notification_preferences where user_id = ${userId} and kind = ${kind}`,
  );
  const chosen = (channel: "in_app" | "email") => rows.find((r) => r.channel === channel)?.mode;
  return {
    in_app: chosen("in_app") ?? spec.defaults.in_app,
    email: spec.essential ? "instant" : (chosen("email") ?? spec.defaults.email),
  };
}

/**
 * Tells one user about an event, in the caller's transaction: a row for the
 * bell and the notifications page (already read when they turned in-app off),
 * and an email now, in their next daily digest, or not at all, as they chose.
 * Returns false when this event had already notified them.
 */
export async function notify(db: Executor, n: NewNotification): Promise<boolean> {
  const [user] = await queryRows<{ email: string }>(db, sql`select email from users where id = ${n.userId}`);
  if (!user) return false;
  const modes = await notificationModes(db, n.userId, n.kind);
  const at = n.at.toISOString();
  const inserted = await queryRows<{ id: number }>(
    db,
    sql`insert into notifications (user_id, kind, event_key, title, body, href, created_at, read_at, digest_due_at)
        values (${n.userId}, ${n.kind}, ${n.eventKey}, ${n.title}, ${n.body.join("\n\n")}, ${n.href ?? null}, ${at}::timestamptz,
                ${modes.in_app === "off" ? at : null}::timestamptz, ${modes.email === "digest" ? at : null}::timestamptz)
        on conflict (user_id, event_key) do nothing
        returning id`,
  );
  if (inserted.length === 0) return false;
  if (modes.email === "instant") {
    await queueEmail(db, {
      eventKey: `notify:${n.userId}:${n.eventKey}`,
      to: user.email,
      userId: n.userId,
      template: "notification",
      data: { title: n.title, body: n.body, href: n.href ?? null, action: n.action },
      category: notificationKinds[n.kind].essential ? null : n.kind,
      at: n.at,
    });
  }
  return true;
}
