import type { Metadata } from "next";
import { Pager } from "@/components/admin/pager";
import { ApplyButton, FilterSelect, NoMatches, filterControl } from "@/components/ui/list-filters";
import { auditActions, auditEntities } from "@/lib/admin/audit";
import { requireAdmin } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/data/admin-audit";
import { formatDateTime } from "@/lib/format";
import { AUDIT_PAGE_SIZE, parseAuditQuery } from "@/lib/validation/admin-audit";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const query = parseAuditQuery(await searchParams);
  const { rows, total } = await listAuditEntries(query);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Audit log</h1>
        <p className="mt-1 text-slate-600">Every admin change, newest first: who made it, when, and the fields it changed.</p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <FilterSelect
          label="Record type"
          name="entity"
          defaultValue={query.entity ?? ""}
          options={[{ value: "", label: "Any" }, ...auditEntities.map((e) => ({ value: e, label: e.replace("_", " ") }))]}
        />
        <FilterSelect
          label="Action"
          name="action"
          defaultValue={query.action ?? ""}
          options={[{ value: "", label: "Any" }, ...auditActions.map((a) => ({ value: a, label: a }))]}
        />
        <label className="text-sm text-slate-700">
          <span className="block">Record id</span>
          <input name="entityId" inputMode="numeric" defaultValue={query.entityId ?? ""} className={`${filterControl} w-28`} />
        </label>
        <ApplyButton />
      </form>
      {rows.length === 0 ? (
        <NoMatches>{`No changes recorded${query.entity || query.action || query.entityId ? " for these filters" : " yet"}.`}</NoMatches>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="audit-entries">
          {rows.map((e) => (
            <li key={e.id} className="space-y-1 px-4 py-3 text-sm" data-testid={`audit-${e.action}`}>
              <p className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-mono font-semibold text-slate-900">{e.action}</span>
                <span className="text-slate-700">
                  {e.entity.replace("_", " ")}
                  {e.entityId ? ` #${e.entityId}` : ""}
                </span>
                <span className="text-slate-500">
                  {e.actor ?? "system"} · <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, timeZone)}</time>
                </span>
              </p>
              {e.changes.length > 0 ? (
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 font-mono text-xs">
                  {e.changes.map((c) => (
                    <div key={c.field} className="contents">
                      <dt className="text-slate-500">{c.field}</dt>
                      <dd className="break-all">
                        {c.before !== null ? <del className="text-red-800">{c.before}</del> : null}
                        {c.before !== null && c.after !== null ? <span aria-hidden="true"> → </span> : null}
                        {c.before !== null && c.after !== null ? <span className="sr-only"> changed to </span> : null}
                        {c.after !== null ? <ins className="text-emerald-800 no-underline">{c.after}</ins> : null}
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pager
        path="/admin/audit"
        params={{ entity: query.entity, action: query.action, entityId: query.entityId }}
        page={query.page}
        pageSize={AUDIT_PAGE_SIZE}
        total={total}
        label="Audit log"
      />
    </section>
  );
}
