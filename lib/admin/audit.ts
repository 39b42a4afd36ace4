import { auditLog } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";

export const auditEntities = [
  "product",
  "plan",
  "distributor",
  "period",
  "order",
  "payout_batch",
  "shipping_rate",
  "checkout_settings",
  "reserved_word",
  "company",
  "announcement",
  "job",
  "email",
  "subscription",
  "buyback",
  "income_statement",
] as const;
export type AuditEntity = (typeof auditEntities)[number];

export const auditActions = [
  "product.create",
  "product.update",
  "product.archive",
  "product.restore",
  "product.delete",
  "plan.publish",
  "distributor.terminate",
  "distributor.reactivate",
  "distributor.move",
  "distributor.verify_email",
  "period.close",
  "order.refund",
  "payout.mark_paid",
  "shipping.set_rate",
  "shipping.remove_rate",
  "checkout.update",
  "referral.reserve_word",
  "referral.release_word",
  "company.update",
  "announcement.send",
  "job.retry",
  "email.send_test",
  "autoship.run_now",
  "buyback.request",
  "buyback.approve",
  "buyback.reject",
  "income_statement.publish",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  /** The admin's user id; null only for writes no person made (none today). */
  actorUserId: number | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** When it happened, where the caller was given the time (its `now`); else the transaction's time. */
  at?: Date;
}

/**
 * Records one admin write. Call it inside the transaction that makes the
 * write, so a write is never without its record, nor a record without its write.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}
