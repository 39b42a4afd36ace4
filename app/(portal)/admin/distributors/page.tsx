import type { Metadata } from "next";
import { DistributorsTable } from "@/components/admin/distributors-table";
import { ApplyButton, FilterSearch, FilterSelect } from "@/components/ui/list-filters";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminDistributors } from "@/lib/data/admin-distributors";
import { formatPeriod } from "@/lib/format";
import { distributorDefaultDir, parseDistributorListQuery } from "@/lib/validation/admin-distributors";

export const metadata: Metadata = { title: "Distributors · Admin" };

export default async function AdminDistributorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const query = parseDistributorListQuery(await searchParams);
  const { rows, total, ranks, periodStartsOn } = await listAdminDistributors(query);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Distributors</h1>
        <p className="mt-1 text-slate-600">
          Volumes and ranks are {periodStartsOn ? `${formatPeriod(periodStartsOn)}'s (open)` : "not available: no period is open"}. Terminating, reactivating or
          moving someone recomputes the open periods.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter distributors">
        <FilterSearch defaultValue={query.q ?? ""} placeholder="Name, email, code or #id" width="w-64" />
        <FilterSelect
          label="Rank"
          name="rank"
          defaultValue={query.rank === undefined ? "" : String(query.rank)}
          options={[{ value: "", label: "Any" }, ...ranks.map((r) => ({ value: String(r.position), label: r.name })), { value: "none", label: "No rank" }]}
        />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={query.status}
          options={[
            { value: "any", label: "Any" },
            { value: "active", label: "Active" },
            { value: "terminated", label: "Terminated" },
          ]}
        />
        {/* The chosen order survives a new filter; the page starts over. */}
        {query.sort && query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.sort && query.dir !== distributorDefaultDir[query.sort] ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <ApplyButton />
      </form>
      <DistributorsTable rows={rows} total={total} query={query} />
    </section>
  );
}
