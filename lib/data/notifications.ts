import "server-only";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { listNotifications, unreadCount, type NotificationPage } from "@/lib/notifications/inbox";
import { preferenceTable, type PreferenceRow } from "@/lib/notifications/preferences";

/** The bell's number: the viewer's unread notifications (counted up to 100). */
export async function getMyUnreadNotificationCount(): Promise<number> {
  const viewer = await requireUser();
  return unreadCount(await getDb(), viewer.userId);
}

/** A page of the viewer's notifications, newest first. */
export async function listMyNotifications(page: number): Promise<NotificationPage> {
  const viewer = await requireUser();
  return listNotifications(await getDb(), viewer.userId, page);
}

/** The viewer's notification settings: every kind, with their mode per channel. */
export async function getMyNotificationPreferences(): Promise<PreferenceRow[]> {
  const viewer = await requireUser();
  return preferenceTable(await getDb(), viewer.userId);
}
