import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { Executor, Tx } from "@/lib/ledger/db";
import type { PreferenceChoices } from "@/lib/validation/notifications";
import { isNotificationKind, notificationKinds, type NotificationChannel, type NotificationKindName, type NotificationMode } from "./kinds";

export interface PreferenceRow {
  kind: NotificationKindName;
  label: string;
  description: string;
  essential: boolean;
  inApp: "instant" | "off";
  /** Essential kinds: always "instant" (not the user's to change). */
  email: NotificationMode;
}

/** Every kind with the user's mode on each channel (their choice, else the default). */
export async function preferenceTable(db: Executor, userId: number): Promise<PreferenceRow[]> {
  const rows = await queryRows<{ kind: string; channel: NotificationChannel; mode: NotificationMode }>(
    db,
    sql`select kind, channel, mode from notification_preferences where user_id = ${userId}`,
  );
  const chosen = (kind: string, channel: NotificationChannel) => rows.find((r) => r.kind === kind && r.channel === channel)?.mode;
  return (Object.keys(notificationKinds) as NotificationKindName[]).map((kind) => {
    const spec = notificationKinds[kind];
    const inApp = chosen(kind, "in_app");
    return {
      kind,
      label: spec.label,
      description: spec.description,
      essential: spec.essential,
      // notify() shows anything but "off" unread.
      inApp: inApp === undefined ? spec.defaults.in_app : inApp === "off" ? "off" : "instant",
      email: spec.essential ? "instant" : (chosen(kind, "email") ?? spec.defaults.email),
    };
  });
}

/** Records one choice: a choice equal to the kind's default is no row at all, so a later change of default reaches those who never chose. */
async function setMode(tx: Tx, userId: number, kind: NotificationKindName, channel: NotificationChannel, mode: NotificationMode, at: Date): Promise<void> {
  if (notificationKinds[kind].defaults[channel] === mode) {
    await tx.execute(sql`delete from notification_preferences where user_id = ${userId} and kind = ${kind} and channel = ${channel}`);
  } else {
    await tx.execute(
      sql`insert into notification_preferences (user_id, kind, channel, mode, updated_at)
          values (${userId}, ${kind}, ${channel}, ${mode}, ${at.toISOString()}::timestamptz)
          on conflict (user_id, kind, channel) do update set mode = excluded.mode, updated_at = excluded.updated_at
          where notification_preferences.mode <> excluded.mode`,
    );
  }
  // No more email about the kind: what waited for the next digest does not go either.
  if (channel === "email" && mode === "off") {
    await tx.execute(sql`update notifications set digest_due_at = null where user_id = ${userId} and kind = ${kind} and digest_due_at is not null`);
  }
}

/** Saves a user's choices (already validated: known kinds, channels and modes; no essential email) in one transaction. */
export async function savePreferences(db: Database, userId: number, choices: PreferenceChoices, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [kind, mode] of Object.entries(choices.in_app)) {
      if (isNotificationKind(kind) && mode) await setMode(tx, userId, kind, "in_app", mode, at);
    }
    for (const [kind, mode] of Object.entries(choices.email)) {
      if (isNotificationKind(kind) && mode && !notificationKinds[kind].essential) await setMode(tx, userId, kind, "email", mode, at);
    }
  });
}

/** What an unsubscribe token names: one kind's email, or the daily digest (every kind the user gets in it). */
export const DIGEST_CATEGORY = "digest";

export type StopEmailsResult =
  | { ok: true; kinds: NotificationKindName[] }
  /** The token's category is no kind of ours, or an essential one (which has no unsubscribe). */
  | { ok: false; reason: "unknown" | "essential" | "no-user" };

/** The email a category (a kind, or "digest") stands for, in words: "Company announcements", "the daily digest". */
export function categoryLabel(category: string): string | null {
  if (category === DIGEST_CATEGORY) return "the daily digest";
  return isNotificationKind(category) ? notificationKinds[category].label : null;
}

/**
 * Unsubscribes a user from a category of email: a kind's email becomes off;
 * "digest" turns off the email of every kind they get in the digest (they keep
 * seeing them in the portal). Idempotent.
 */
export async function stopEmails(db: Database, userId: number, category: string, at: Date): Promise<StopEmailsResult> {
  if (category !== DIGEST_CATEGORY && !isNotificationKind(category)) return { ok: false, reason: "unknown" };
  if (isNotificationKind(category) && notificationKinds[category].essential) return { ok: false, reason: "essential" };
  return db.transaction(async (tx) => {
    const [user] = await queryRows<{ id: number }>(tx, sql`select id from users where id = ${userId} for update`);
    if (!user) return { ok: false, reason: "no-user" } as const;
    const kinds: NotificationKindName[] = isNotificationKind(category)
      ? [category]
      : (await preferenceTable(tx, userId)).filter((row) => !row.essential && row.email === "digest").map((row) => row.kind);
    for (const kind of kinds) await setMode(tx, userId, kind, "email", "off", at);
    return { ok: true, kinds } as const;
  });
}
