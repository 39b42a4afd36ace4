import { auditActions, auditEntities, type AuditAction, type AuditEntity } from "@/lib/admin/audit";
import { createLoader, createParser, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsPage } from "./list-params";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  entity?: AuditEntity;
  action?: AuditAction;
  /** The record's id within its entity, e.g. a product id. */
  entityId?: string;
  page: number;
}

/** The audit log's URL state: an unknown record type or action, or a malformed id or page, is ignored, never an error. */
export const auditParams = {
  entity: parseAsStringLiteral(auditEntities),
  action: parseAsStringLiteral(auditActions),
  entityId: createParser({ parse: (v) => (/^\d{1,12}$/.test(v.trim()) ? v.trim() : null), serialize: (v: string) => v }),
  page: parseAsPage,
};
const loadAuditParams = createLoader(auditParams);
/** "/admin/audit?entity=product&page=2", leaving defaults out. */
export const auditHref = createSerializer(auditParams);

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const p = loadAuditParams(params);
  return { entity: p.entity ?? undefined, action: p.action ?? undefined, entityId: p.entityId ?? undefined, page: p.page };
}
