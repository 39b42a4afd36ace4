import { auditActions, auditEntities, type AuditAction, type AuditEntity } from "@/lib/admin/audit";
import { pageNumber } from "./input";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  entity?: AuditEntity;
  action?: AuditAction;
  /** The record's id within its entity, e.g. a product id. */
  entityId?: string;
  page: number;
}

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const entity = one(params.entity);
  const action = one(params.action);
  const entityId = one(params.entityId)?.trim();
  return {
    entity: (auditEntities as readonly string[]).includes(entity ?? "") ? (entity as AuditEntity) : undefined,
    action: (auditActions as readonly string[]).includes(action ?? "") ? (action as AuditAction) : undefined,
    entityId: entityId && /^\d{1,12}$/.test(entityId) ? entityId : undefined,
    page: pageNumber(params.page),
  };
}
