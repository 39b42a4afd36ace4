import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { Executor } from "@/lib/ledger/db";
import type { TemplateData, TemplateName } from "./templates";

export const DELIVER_EMAIL = "mail.deliver";
/** Account and essential mail (no category: links, receipts, security) is delivered before notifications. */
export const ACCOUNT_MAIL_PRIORITY = 10;

export interface QueuedEmail<K extends TemplateName> {
  /** Once per event: a second message with this key is not queued ("verify:user:42:token-hash", "order-receipt:1234"). */
  eventKey: string;
  to: string;
  /** The recipient's account, when they have one. */
  userId?: number | null;
  template: K;
  data: TemplateData<K>;
  /** The notification kind this message belongs to (it gets an unsubscribe link), or null for account mail. */
  category?: string | null;
  at: Date;
}

/**
 * Queues a message and the job that delivers it, in one statement of the
 * caller's transaction: it exists exactly when the event commits, and the
 * caller never waits for mail. Returns false when the event already queued one.
 */
export async function queueEmail<K extends TemplateName>(db: Executor, mail: QueuedEmail<K>): Promise<boolean> {
  const at = mail.at.toISOString();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with e as (
          insert into emails (event_key, user_id, to_address, template, data, category, created_at)
          values (${mail.eventKey}, ${mail.userId ?? null}, ${mail.to}, ${mail.template}, ${JSON.stringify(mail.data)}::jsonb, ${mail.category ?? null}, ${at}::timestamptz)
          on conflict (event_key) do nothing
          returning id)
        insert into jobs (kind, key, payload, run_at, created_at, priority)
        select ${DELIVER_EMAIL}, 'mail:' || e.id, jsonb_build_object('emailId', e.id), ${at}::timestamptz, ${at}::timestamptz, ${mail.category ? 0 : ACCOUNT_MAIL_PRIORITY} from e
        returning id`,
  );
  if (rows.length > 0) wakeWorkers();
  return rows.length > 0;
}
