import type { Metadata } from "next";
import { Pager } from "@/components/data-table/pager";
import { ApplyButton, FilterSelect, NoMatches, filterControl } from "@/components/ui/list-filters";
import { AuditEntries } from "@/components/admin/audit-entries";
import { auditActions, auditEntities } from "@/lib/admin/audit";
import { auditActionLabels, auditEntityLabels } from "@/lib/admin/audit-format";
import { requireAdmin } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/data/admin-audit";
import { AUDIT_PAGE_SIZE, auditHref, parseAuditQuery } from "@/lib/validation/admin-audit";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const query = parseAuditQuery(await searchParams);
  const { rows, total } = await listAuditEntries(query);
  const filtered = Boolean(query.entity || query.action || query.entityId);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Audit log</h1>
        <p className="mt-1 text-slate-600">Every admin change, newest first: who made it, when, to which record, and the fields it changed.</p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <FilterSelect
          label="Record type"
          name="entity"
          defaultValue={query.entity ?? ""}
          options={[{ value: "", label: "Any" }, ...auditEntities.map((e) => ({ value: e, label: auditEntityLabels[e] }))]}
        />
        <FilterSelect
          label="Action"
          name="action"
          defaultValue={query.action ?? ""}
          options={[{ value: "", label: "Any" }, ...auditActions.map((a) => ({ value: a, label: auditActionLabels[a] }))]}
        />
        <label className="text-sm text-slate-700">
          <span className="block">Record id</span>
          <input name="entityId" inputMode="numeric" defaultValue={query.entityId ?? ""} className={`${filterControl} w-28`} />
        </label>
        <ApplyButton />
      </form>
      {total === 0 ? (
        <NoMatches>{filtered ? "No changes match these filters." : "No changes recorded yet."}</NoMatches>
      ) : rows.length === 0 ? (
        <NoMatches>This page is past the last entry.</NoMatches>
      ) : (
        <AuditEntries entries={rows} timeZone={timeZone} />
      )}
      {total > 0 ? (
        <Pager
          page={query.page}
          pageSize={AUDIT_PAGE_SIZE}
          total={total}
          hrefFor={(page) => auditHref("/admin/audit", { ...query, page })}
          label="Audit log pages"
        />
      ) : null}
    </section>
  );
}
