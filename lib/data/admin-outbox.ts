import "server-only";
import { getDb } from "@/db/client";
import { countJobs, listJobs, type JobCounts, type JobRow } from "@/lib/admin/jobs";
import { getOutboxHtml, getOutboxMessage, listOutbox, type OutboxMessage, type OutboxRow } from "@/lib/admin/outbox";
import { requireAdmin } from "@/lib/auth/session";
import type { OutboxQuery } from "@/lib/validation/admin-outbox";

// The outbox and the jobs pages' reads; admins only (anyone else: the 404 page).

/** Dates as ISO strings: what a page hands to its components. */
type Dto<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

function dto<T extends object>(row: T): Dto<T> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as Dto<T>;
}

export type OutboxRowDto = Dto<OutboxRow>;
export type OutboxMessageDto = Dto<OutboxMessage>;
export type JobRowDto = Dto<JobRow>;

export async function listOutboxForAdmin(query: OutboxQuery): Promise<{ rows: OutboxRowDto[]; total: number }> {
  await requireAdmin();
  const { rows, total } = await listOutbox(await getDb(), query);
  return { rows: rows.map(dto), total };
}

export async function getOutboxMessageForAdmin(id: number): Promise<OutboxMessageDto | null> {
  await requireAdmin();
  const message = await getOutboxMessage(await getDb(), id);
  return message && dto(message);
}

/** The stored HTML of a message, for the outbox's sandboxed frame. */
export async function getOutboxHtmlForAdmin(id: number): Promise<string | null> {
  await requireAdmin();
  return getOutboxHtml(await getDb(), id);
}

export async function getJobsOverview(): Promise<{ counts: JobCounts[]; failed: JobRowDto[]; pending: JobRowDto[]; done: JobRowDto[] }> {
  await requireAdmin();
  const db = await getDb();
  const [counts, failed, pending, done] = await Promise.all([countJobs(db), listJobs(db, "failed"), listJobs(db, "pending"), listJobs(db, "done")]);
  return { counts, failed: failed.map(dto), pending: pending.map(dto), done: done.map(dto) };
}
