import Link from "next/link";
import type { AuditEntryView } from "@/lib/admin/audit-format";
import type { AuditText } from "@/lib/admin/audit-values";
import { formatDateTime } from "@/lib/format";

/** A value, as a link in the brand colour when it names a record with a page; `className` styles the plain text. */
function Linked({ value, className }: { value: AuditText; className?: string }) {
  return value.href ? (
    <Link href={value.href} className="font-medium break-words text-brand-700 underline">
      {value.text}
    </Link>
  ) : (
    <span className={className}>{value.text}</span>
  );
}

/** The audit log's entries in words: what happened to which record, who did it and when, and what changed. */
export function AuditEntries({ entries, timeZone }: { entries: AuditEntryView[]; timeZone: string }) {
  return (
    <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="audit-entries">
      {entries.map((e) => (
        <li key={e.id} className="space-y-2 px-4 py-3 text-sm" data-testid={`audit-${e.action}`}>
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-semibold text-slate-900">{e.title}</span>
            {e.subject ? <Linked value={e.subject} className="break-words text-slate-800" /> : null}
          </p>
          <p className="text-slate-600">
            {e.actor ?? "System"} · <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, timeZone)}</time>
          </p>
          {e.changes.length > 0 ? (
            <dl className="space-y-1 sm:grid sm:grid-cols-[minmax(0,14rem)_1fr] sm:space-y-0 sm:gap-x-4">
              {e.changes.map((c, i) => (
                <div key={`${c.label}-${i}`} className="sm:contents">
                  <dt className="text-slate-600">{c.label}</dt>
                  <dd className="break-words text-slate-900 sm:pb-1">
                    {c.before ? <Linked value={c.before} className="text-slate-700" /> : null}
                    {c.before && c.after ? <span aria-hidden="true"> → </span> : null}
                    {c.before && c.after ? <span className="sr-only"> changed to </span> : null}
                    {c.after ? <Linked value={c.after} className="font-medium" /> : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
