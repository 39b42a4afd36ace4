import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { JobContext } from "@/lib/jobs/worker";
import { fromAddress, loadBrand } from "./brand";
import { renderEmail } from "./render";
import { configuredTransport, type MailTransport } from "./transport";
import { oneClickUnsubscribeUrl, unsubscribeUrl } from "./unsubscribe";

interface EmailRow {
  id: number;
  user_id: number | null;
  to_address: string;
  template: string;
  data: unknown;
  category: string | null;
  status: "queued" | "sent" | "failed";
  subject: string | null;
  html: string | null;
  text: string | null;
  sending_since: string | null;
}

let duplicateRisks = 0;
/** Deliveries this process retried after an attempt died mid-send (the SMTP server may have had the message). */
export function possibleDuplicateCount(): number {
  return duplicateRisks;
}

/**
 * The mail.deliver job: renders the message (once; the stored rendering is
 * what went out) and hands it to the transport.
 *
 * Exactly-once is impossible over SMTP; the window for a duplicate is kept to
 * the moment between the server's acceptance and the UPDATE that records it.
 * `sending_since` is committed before the conversation and cleared with its
 * outcome: a later attempt that finds it set knows an earlier one died in that
 * window, flags the message and counts it, then sends again (the Message-ID is
 * the same, so a receiving server or client can drop the copy).
 */
export async function deliverEmail(ctx: JobContext, transport: MailTransport = configuredTransport()): Promise<void> {
  const { db, job, at } = ctx;
  const emailId = Number(job.payload.emailId);
  const [row] = await queryRows<EmailRow>(
    db,
    sql`select id::float8 as id, user_id, to_address, template, data, category, status, subject, html, text, sending_since from emails where id = ${emailId}`,
  );
  if (!row || row.status !== "queued") return;
  const brand = await loadBrand(db);
  if (row.sending_since !== null) {
    duplicateRisks++;
    console.warn(`[lineage] mail: email ${row.id} was being sent when its worker stopped; sending again (the recipient may get it twice)`);
    await db.execute(sql`update emails set possible_duplicate = true where id = ${row.id}`);
  }
  let rendered = row.subject !== null && row.html !== null && row.text !== null ? { subject: row.subject, html: row.html, text: row.text } : null;
  const unsubscribe = row.category && row.user_id ? unsubscribeUrl(row.user_id, row.category) : undefined;
  if (!rendered) {
    try {
      rendered = await renderEmail(row.template, row.data, brand, unsubscribe);
    } catch (error) {
      // A template that cannot render (unknown, or data it cannot take) is the message's failure too, shown in the outbox.
      await recordFailure(ctx, row.id, error);
      throw error;
    }
    await db.execute(sql`update emails set subject = ${rendered.subject}, html = ${rendered.html}, text = ${rendered.text} where id = ${row.id}`);
  }
  const messageId = `<email-${row.id}.${new URL(brand.siteUrl).hostname}@lineage>`;
  const headers: Record<string, string> =
    row.category && row.user_id
      ? { "List-Unsubscribe": `<${oneClickUnsubscribeUrl(row.user_id, row.category)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : {};
  await db.execute(sql`update emails set sending_since = ${at.toISOString()}::timestamptz, attempts = attempts + 1 where id = ${row.id}`);
  try {
    await transport.send({
      from: fromAddress(brand),
      to: row.to_address,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers,
    });
  } catch (error) {
    await recordFailure(ctx, row.id, error);
    throw error;
  }
  await db.execute(
    sql`update emails set status = 'sent', sending_since = null, sent_at = ${at.toISOString()}::timestamptz, transport = ${transport.kind}, message_id = ${messageId}, last_error = null where id = ${row.id}`,
  );
}

/** A failed attempt: the message stays queued for the job's next attempt, or fails with the job's last. The SMTP conversation (if any) is over. */
async function recordFailure({ db, job }: JobContext, emailId: number, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const last = job.attempts >= job.maxAttempts;
  await db.execute(sql`update emails set sending_since = null, last_error = ${message}, status = ${last ? "failed" : "queued"} where id = ${emailId}`);
}
