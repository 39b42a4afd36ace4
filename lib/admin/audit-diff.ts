/** One changed field of an audited record, values as compact JSON. */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

const compact = (value: unknown): string | null => {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields that differ between an audit entry's before and after, in the
 * after's key order (then removed keys): a creation lists every field with no
 * "before", a deletion every field with no "after".
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: "value", before: compact(before ?? undefined), after: compact(after ?? undefined) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  const out: AuditChange[] = [];
  for (const key of keys) {
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    out.push({ field: key, before: key in b ? compact(b[key]) : null, after: key in a ? compact(a[key]) : null });
  }
  return out;
}
