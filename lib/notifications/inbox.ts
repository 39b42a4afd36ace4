import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";

// The bell and the notifications page: every query names the user, so one
// user's notifications are never another's to read or mark.

export const NOTIFICATIONS_PAGE_SIZE = 20;
/** The bell counts up to this many; past it the exact number does not matter. */
export const UNREAD_COUNT_CAP = 100;

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  /** The first paragraph of the body. */
  line: string;
  href: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationItem[];
  page: number;
  pages: number;
  total: number;
  unread: number;
  /** The newest notification's id (0 when none): "mark all as read" marks up to it, not what arrives after. */
  newestId: number;
}

/** The first paragraph of a stored body (paragraphs are kept separated by a blank line). */
export function firstParagraph(body: string): string {
  return body.split("\n\n", 1)[0] ?? "";
}

/** Unread notifications, counted up to UNREAD_COUNT_CAP. */
export async function unreadCount(db: Executor, userId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from notifications where user_id = ${userId} and read_at is null limit ${UNREAD_COUNT_CAP}) u`,
  );
  return row?.n ?? 0;
}

/** One page of the user's notifications, newest first; a page past the last shows the last. */
export async function listNotifications(db: Executor, userId: number, page: number): Promise<NotificationPage> {
  const [totals] = await queryRows<{ total: number; unread: number; newest: number | null }>(
    db,
    sql`select count(*)::int as total, (count(*) filter (where read_at is null))::int as unread, max(id)::float8 as newest
        from notifications where user_id = ${userId}`,
  );
  const total = totals?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await queryRows<{ id: number; kind: string; title: string; body: string; href: string | null; created_at: string | Date; read: boolean }>(
    db,
    sql`select id::float8 as id, kind, title, body, href, created_at, read_at is not null as read
        from notifications where user_id = ${userId}
        order by created_at desc, id desc
        limit ${NOTIFICATIONS_PAGE_SIZE} offset ${(current - 1) * NOTIFICATIONS_PAGE_SIZE}`,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      title: r.title,
      line: firstParagraph(r.body),
      href: r.href,
      createdAt: new Date(r.created_at).toISOString(),
      read: r.read,
    })),
    page: current,
    pages,
    total,
    unread: totals?.unread ?? 0,
    newestId: Number(totals?.newest ?? 0),
  };
}

/** Marks one of the user's notifications read; false when it is not theirs (or not there). */
export async function markNotificationRead(db: Executor, userId: number, id: number, at: Date): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update notifications set read_at = coalesce(read_at, ${at.toISOString()}::timestamptz) where id = ${id} and user_id = ${userId} returning id`,
  );
  return rows.length > 0;
}

/**
 * Marks the user's unread notifications read, up to `upToId` (the newest the
 * page showed): one that arrives while they read stays unread. Returns how many.
 */
export async function markAllNotificationsRead(db: Executor, userId: number, upToId: number, at: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update notifications set read_at = ${at.toISOString()}::timestamptz where user_id = ${userId} and read_at is null and id <= ${upToId} returning id`,
  );
  return rows.length;
}
