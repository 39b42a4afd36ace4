import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { getCompanyIdentity } from "@/lib/admin/company";
import { auditRefs, formatAuditEntry, type AuditEntryView } from "@/lib/admin/audit-format";
import { loadAuditNames } from "@/lib/admin/audit-names";
import { requireAdmin } from "@/lib/auth/session";
import { AUDIT_PAGE_SIZE, type AuditQuery } from "@/lib/validation/admin-audit";

/** The audit log in words, newest first, filtered by entity, action and record; admins only. */
export async function listAuditEntries(query: AuditQuery): Promise<{ rows: AuditEntryView[]; total: number }> {
  const { timeZone } = await requireAdmin();
  const db = await getDb();
  const where: SQL[] = [];
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total], company] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        createdAt: auditLog.createdAt,
        actor: users.name,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(condition)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((query.page - 1) * AUDIT_PAGE_SIZE),
    db.select({ n: count() }).from(auditLog).where(condition),
    getCompanyIdentity(db),
  ]);
  const names = await loadAuditNames(db, auditRefs(rows));
  return { rows: rows.map((r) => formatAuditEntry(r, { names, currency: company.currency, timeZone })), total: total?.n ?? 0 };
}
