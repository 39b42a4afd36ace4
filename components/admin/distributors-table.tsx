import Link from "next/link";
import { DistributorActions } from "@/components/admin/distributor-actions";
import { DataTable, dataTableColumns, type DataTableState } from "@/components/data-table/data-table";
import { NoMatches } from "@/components/ui/list-filters";
import { StatusBadge } from "@/components/ui/status-badge";
import { moveDistributorAsAdmin } from "@/lib/actions/admin/move-distributor";
import { reactivateDistributorAsAdmin } from "@/lib/actions/admin/reactivate-distributor";
import { terminateDistributorAsAdmin } from "@/lib/actions/admin/terminate-distributor";
import type { AdminDistributorDto } from "@/lib/data/admin-distributors";
import { formatNumber } from "@/lib/format";
import {
  DISTRIBUTOR_PAGE_SIZE,
  distributorDefaultDir,
  distributorListHref,
  distributorSortKeys,
  type DistributorListQuery,
  type DistributorSortKey,
} from "@/lib/validation/admin-distributors";

const helper = dataTableColumns<AdminDistributorDto>();
const isSortKey = (id: string): id is DistributorSortKey => (distributorSortKeys as readonly string[]).includes(id);

export interface DistributorsTableProps {
  rows: AdminDistributorDto[];
  total: number;
  query: DistributorListQuery;
}

/** /admin/distributors: a page of distributors with the open period's volumes, each with its Manage panel. */
export function DistributorsTable({ rows, total, query }: DistributorsTableProps) {
  const columns = helper.columns([
    helper.accessor("name", {
      header: "Distributor",
      sortDescFirst: distributorDefaultDir.name === "desc",
      cell: ({ row: { original: d } }) => (
        <>
          <Link prefetch={false} href={`/admin/distributors/${d.id}`} className="font-medium text-brand-700 hover:underline">
            {d.name}
          </Link>
          <span className="block text-xs break-all text-slate-500 sm:break-normal">{d.email}</span>
        </>
      ),
    }),
    helper.accessor("code", { header: "Code", sortDescFirst: false, cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    helper.accessor("sponsor", {
      header: "Sponsor",
      enableSorting: false,
      cell: (info) => {
        const s = info.getValue();
        return <span data-testid="sponsor">{s ? `${s.name} (${s.code})` : "—"}</span>;
      },
    }),
    helper.accessor("teamSize", { id: "team", header: "Team", enableSorting: false, cell: (info) => formatNumber(info.getValue()) }),
    helper.accessor("pv", { header: "PV", sortDescFirst: true, cell: (info) => formatNumber(info.getValue()) }),
    helper.accessor("gv", { header: "GV", sortDescFirst: true, cell: (info) => formatNumber(info.getValue()) }),
    helper.accessor("rank", { header: "Rank", sortDescFirst: true, cell: (info) => info.getValue() ?? "—" }),
    helper.accessor("status", {
      header: "Status",
      enableSorting: false,
      cell: ({ row: { original: d } }) =>
        d.status === "active" ? (
          <StatusBadge tone="green">Active</StatusBadge>
        ) : (
          <>
            <StatusBadge tone="red">Terminated</StatusBadge>
            <Link prefetch={false} href={`/admin/distributors/${d.id}/returns`} className="mt-1 block text-xs text-brand-700 hover:underline">
              Buyback<span className="sr-only"> for {d.name}</span>
            </Link>
          </>
        ),
    }),
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original: d } }) => (
        <DistributorActions
          distributor={{ id: d.id, name: d.name, status: d.status, isRoot: d.sponsor === null, teamSize: d.teamSize, sponsorName: d.sponsor?.name ?? null }}
          terminate={terminateDistributorAsAdmin}
          reactivate={reactivateDistributorAsAdmin}
          move={moveDistributorAsAdmin}
        />
      ),
    }),
  ]);
  const sort = query.sort ?? "name";
  const state: DataTableState = {
    sort: { id: sort, desc: (query.dir ?? distributorDefaultDir[sort]) === "desc" },
    page: query.page,
    pageSize: DISTRIBUTOR_PAGE_SIZE,
  };
  const hrefFor = (next: DataTableState) => {
    const nextSort = next.sort && isSortKey(next.sort.id) ? next.sort.id : sort;
    const dir = next.sort ? (next.sort.desc ? "desc" : "asc") : query.dir;
    // The default order (by name, A to Z) stays out of the URL.
    const plain = nextSort === "name" && dir === "asc";
    return distributorListHref("/admin/distributors", {
      ...query,
      sort: plain ? null : nextSort,
      dir: plain || dir === distributorDefaultDir[nextSort] ? null : dir,
      page: next.page,
    });
  };
  return (
    <DataTable
      columns={columns}
      data={rows}
      state={state}
      rowCount={total}
      hrefFor={hrefFor}
      getRowId={(d) => String(d.id)}
      caption="Distributors"
      numeric={["team", "pv", "gv"]}
      wrap={["name", "rank", "status"]}
      // Pinned on a phone: the first column is kept narrow there, so the scrolled columns keep room.
      columnClass={{ name: "max-w-36 min-w-36 sm:max-w-none" }}
      rowTestId={(d) => `distributor-${d.code}`}
      pagerLabel="Distributor pages"
      empty={<NoMatches>No distributors match.</NoMatches>}
    />
  );
}
