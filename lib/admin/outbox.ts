import { and, count, desc, eq, ilike, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emails, type EmailStatus } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";
import { fromAddress, loadBrand } from "@/lib/mail/brand";
import { queueEmail } from "@/lib/mail/queue";
import { OUTBOX_PAGE_SIZE, type OutboxQuery } from "@/lib/validation/admin-outbox";
import { recordAudit } from "./audit";

// The outbox (/admin/outbox): every message the portal queued, whatever became
// of it. With no SMTP server configured it is where mail "goes"; with one, it
// is the record of what went out, and of what failed and why.

export interface OutboxRow {
  id: number;
  to: string;
  /** The rendered subject; null until the worker renders the message. */
  subject: string | null;
  template: string;
  status: EmailStatus;
  /** Where it went: "smtp" or "outbox"; null until sent. */
  transport: string | null;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  /** An attempt died mid-send: the recipient may have it twice. */
  possibleDuplicate: boolean;
  lastError: string | null;
}

const rowColumns = {
  id: emails.id,
  to: emails.toAddress,
  subject: emails.subject,
  template: emails.template,
  status: emails.status,
  transport: emails.transport,
  createdAt: emails.createdAt,
  sentAt: emails.sentAt,
  attempts: emails.attempts,
  possibleDuplicate: emails.possibleDuplicate,
  lastError: emails.lastError,
};

/** One page of the outbox, newest first, and how many messages match. */
export async function listOutbox(db: Executor, query: OutboxQuery): Promise<{ rows: OutboxRow[]; total: number }> {
  const where: SQL[] = [];
  if (query.status) where.push(eq(emails.status, query.status));
  if (query.q) where.push(ilike(emails.toAddress, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select(rowColumns)
      .from(emails)
      .where(condition)
      .orderBy(desc(emails.createdAt), desc(emails.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((query.page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: count() }).from(emails).where(condition),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export interface OutboxMessage extends OutboxRow {
  /** The sender the portal uses (MAIL_FROM, or the company's name at no-reply@ the site's host). */
  from: string;
  messageId: string | null;
  eventKey: string;
  /** The notification kind (it carries an unsubscribe link), or null for account mail. */
  category: string | null;
  /** Whether the HTML is rendered (served by /admin/outbox/<id>/html). */
  rendered: boolean;
  text: string | null;
}

/** One message with its headers and plain-text part; null when no message has the id. */
export async function getOutboxMessage(db: Executor, id: number): Promise<OutboxMessage | null> {
  const [row] = await db
    .select({ ...rowColumns, messageId: emails.messageId, eventKey: emails.eventKey, category: emails.category, html: emails.html, text: emails.text })
    .from(emails)
    .where(eq(emails.id, id));
  if (!row) return null;
  const { html, ...rest } = row;
  return { ...rest, from: fromAddress(await loadBrand(db)), rendered: html !== null };
}

/** A message's rendered HTML, as it went out; null when there is none (yet). */
export async function getOutboxHtml(db: Executor, id: number): Promise<string | null> {
  const [row] = await db.select({ html: emails.html }).from(emails).where(eq(emails.id, id));
  return row?.html ?? null;
}

/**
 * Queues the test message to the admin's own address (an admin cannot aim it
 * elsewhere) and records who asked; the new message's id. One per admin and
 * instant: a double submit queues one.
 */
export async function sendTestEmail(db: Database, admin: { userId: number; name: string; email: string }, at: Date): Promise<number> {
  const eventKey = `test-email:${admin.userId}:${at.toISOString()}`;
  return db.transaction(async (tx) => {
    const queued = await queueEmail(tx, { eventKey, to: admin.email, userId: admin.userId, template: "testEmail", data: { requestedBy: admin.name }, at });
    const [row] = await tx.select({ id: emails.id }).from(emails).where(eq(emails.eventKey, eventKey));
    if (queued) await recordAudit(tx, { actorUserId: admin.userId, action: "email.send_test", entity: "email", entityId: row!.id, after: { to: admin.email } });
    return row!.id;
  });
}
