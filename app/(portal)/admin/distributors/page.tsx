import type { Metadata } from "next";
import Link from "next/link";
import { DistributorActions } from "@/components/admin/distributor-actions";
import { Pager } from "@/components/admin/pager";
import { ApplyButton, FilterSearch, FilterSelect, NoMatches, TableHead } from "@/components/ui/list-filters";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { StatusBadge } from "@/components/ui/status-badge";
import { moveDistributorAsAdmin } from "@/lib/actions/admin/move-distributor";
import { reactivateDistributorAsAdmin } from "@/lib/actions/admin/reactivate-distributor";
import { terminateDistributorAsAdmin } from "@/lib/actions/admin/terminate-distributor";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminDistributors } from "@/lib/data/admin-distributors";
import { formatNumber, formatPeriod } from "@/lib/format";
import { DISTRIBUTOR_PAGE_SIZE, parseDistributorListQuery } from "@/lib/validation/admin-distributors";

export const metadata: Metadata = { title: "Distributors · Admin" };

export default async function AdminDistributorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const query = parseDistributorListQuery(await searchParams);
  const { rows, total, ranks, periodStartsOn } = await listAdminDistributors(query);
  const params = { q: query.q, status: query.status === "any" ? undefined : query.status, rank: query.rank };
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
        <ApplyButton />
      </form>
      {rows.length === 0 ? (
        <NoMatches>No distributors match.</NoMatches>
      ) : (
        // relative: the frame each row's Manage panel opens against (components/admin/distributor-actions.tsx).
        <div className="relative">
          <ScrollRegion label="Distributors">
            <table className="w-full text-sm">
              <TableHead
                columns={[
                  { label: "Distributor" },
                  { label: "Code" },
                  { label: "Sponsor" },
                  { label: "Team", align: "right" },
                  { label: "PV", align: "right" },
                  { label: "GV", align: "right" },
                  { label: "Rank" },
                  { label: "Status" },
                  { label: "Actions", hidden: true },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {rows.map((d) => (
                  <tr key={d.id} data-testid={`distributor-${d.code}`} className="align-top">
                    {/* Pinned on a phone: kept narrow there, so the scrolled columns keep room. */}
                    <td className="max-w-36 min-w-36 px-3 py-2 sm:max-w-none">
                      <Link href={`/admin/distributors/${d.id}`} className="font-medium text-brand-700 hover:underline">
                        {d.name}
                      </Link>
                      <span className="block text-xs break-all text-slate-500 sm:break-normal">{d.email}</span>
                    </td>
                    <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{d.code}</td>
                    <td className="px-3 py-2 whitespace-nowrap" data-testid="sponsor">
                      {d.sponsor ? `${d.sponsor.name} (${d.sponsor.code})` : "—"}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(d.teamSize)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(d.pv)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(d.gv)}</td>
                    <td className="px-3 py-2">{d.rank ?? "—"}</td>
                    <td className="px-3 py-2">
                      {d.status === "active" ? (
                        <StatusBadge tone="green">Active</StatusBadge>
                      ) : (
                        <>
                          <StatusBadge tone="red">Terminated</StatusBadge>
                          <Link href={`/admin/distributors/${d.id}/returns`} className="mt-1 block text-xs text-brand-700 hover:underline">
                            Buyback<span className="sr-only"> for {d.name}</span>
                          </Link>
                        </>
                      )}
                    </td>
                    {/* Not positioned (static!): the Manage panel opens against the frame outside the scrolling box. */}
                    <td className="static! px-3 py-2">
                      <DistributorActions
                        distributor={{
                          id: d.id,
                          name: d.name,
                          status: d.status,
                          isRoot: d.sponsor === null,
                          teamSize: d.teamSize,
                          sponsorName: d.sponsor?.name ?? null,
                        }}
                        terminate={terminateDistributorAsAdmin}
                        reactivate={reactivateDistributorAsAdmin}
                        move={moveDistributorAsAdmin}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
      <Pager path="/admin/distributors" params={params} page={query.page} pageSize={DISTRIBUTOR_PAGE_SIZE} total={total} label="Distributor" />
    </section>
  );
}
