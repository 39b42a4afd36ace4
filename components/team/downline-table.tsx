import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, dataTableColumns, type DataTableState } from "@/components/data-table/data-table";
import { formatDay, formatNumber } from "@/lib/format";
import type { DownlineRowDto } from "@/lib/team/downline";
import { defaultDirFor, teamQueryString, teamSortKeys, type TeamQuery, type TeamSortKey } from "@/lib/validation/team";
import { AutoshipBadge, MemberStatus } from "./member-status";
import { rankName } from "./rank-name";

const helper = dataTableColumns<DownlineRowDto>();
const numeric = ["generation", "pv", "gv"] as const;
const rowId = (r: DownlineRowDto) => String(r.id);
const isSortKey = (id: string): id is TeamSortKey => (teamSortKeys as readonly string[]).includes(id);

export interface DownlineTableProps {
  rows: DownlineRowDto[];
  total: number;
  query: TeamQuery;
  /** The page actually shown (a page past the end shows the last). */
  page: number;
  /** /dashboard/team, or an admin's read-only copy. */
  teamPath: string;
  ownerId: number;
  ranks: string[];
  /** Shown when nobody matches the filters. */
  empty: ReactNode;
}

/** The downline table (rendered on the server): every column the server sorts by is a link that sorts it. */
export function DownlineTable({ rows, total, query, page, teamPath, ownerId, ranks, empty }: DownlineTableProps) {
  const columns = helper.columns([
    helper.accessor("name", {
      header: "Name",
      sortDescFirst: defaultDirFor.name === "desc",
      cell: (info) => (
        <>
          <Link prefetch={false} href={`${teamPath}/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline">
            {info.getValue()}
          </Link>
          {/* On its own line, so the column grows no wider on a phone. */}
          {info.row.original.autoship ? <AutoshipBadge className="mt-0.5 block w-fit" /> : null}
        </>
      ),
    }),
    helper.accessor("generation", { header: "Generation", sortDescFirst: defaultDirFor.generation === "desc" }),
    helper.accessor("sponsorName", {
      id: "sponsor",
      header: "Sponsor",
      enableSorting: false,
      cell: (info) => {
        const r = info.row.original;
        if (r.sponsorId === ownerId) return <span className="text-slate-500">{r.generation === 1 ? "Direct" : info.getValue()}</span>;
        return r.sponsorId === null ? (
          "—"
        ) : (
          <Link prefetch={false} href={`${teamPath}/${r.sponsorId}`} className="text-slate-700 hover:underline">
            {info.getValue()}
          </Link>
        );
      },
    }),
    helper.accessor("joinedAt", {
      id: "joined",
      header: "Joined",
      sortDescFirst: defaultDirFor.joined === "desc",
      cell: (info) => formatDay(info.getValue()),
    }),
    helper.accessor("rank", { header: "Rank", sortDescFirst: defaultDirFor.rank === "desc", cell: (info) => rankName(ranks, info.getValue()) }),
    helper.accessor("active", {
      header: "Status",
      enableSorting: false,
      cell: (info) => <MemberStatus active={info.getValue()} terminated={info.row.original.terminated} />,
    }),
    helper.accessor("pv", { header: "PV", sortDescFirst: true, cell: (info) => formatNumber(info.getValue()) }),
    helper.accessor("gv", { header: "GV", sortDescFirst: true, cell: (info) => formatNumber(info.getValue()) }),
  ]);
  const state: DataTableState = { sort: { id: query.sort, desc: query.dir === "desc" }, page, pageSize: query.size };
  const hrefFor = (next: DataTableState) => {
    const sort = next.sort && isSortKey(next.sort.id) ? next.sort.id : query.sort;
    const dir = next.sort ? (next.sort.desc ? "desc" : "asc") : query.dir;
    return `${teamPath}${teamQueryString({ ...query, sort, dir, page: next.page, size: next.pageSize })}`;
  };
  return (
    <DataTable
      columns={columns}
      data={rows}
      state={state}
      rowCount={total}
      hrefFor={hrefFor}
      getRowId={rowId}
      caption="Your downline, filtered and sorted as chosen above"
      numeric={numeric}
      testId="downline-table"
      pagerLabel="Downline pages"
      empty={empty}
    />
  );
}
