import { DataTable, dataTableColumns } from "@/components/data-table/data-table";
import { NoMatches } from "@/components/ui/list-filters";
import type { RetailReport, RetailRow } from "@/lib/admin/retail";
import { retailHref } from "@/lib/validation/admin-retail";
import { formatBps, formatMoney, formatNumber } from "@/lib/format";

const helper = dataTableColumns<RetailRow>();
// Below md the table keeps the distributor, the retail share and the customers.
const wide = "hidden md:table-cell";

/** A period's retail sales by distributor, in the order the report's "Sort:" links chose (its four orders are not one per column). */
export function RetailTable({ report, currency }: { report: RetailReport; currency: string }) {
  const money = (cents: number) => formatMoney(cents, currency);
  const columns = helper.columns([
    helper.accessor("name", {
      header: "Distributor",
      cell: ({ row: { original: r } }) => (
        <>
          {r.name} <span className="text-slate-500">#{r.distributorId}</span>
        </>
      ),
    }),
    helper.accessor("retailShareBps", {
      id: "share",
      header: "Retail share of CV",
      cell: (info) => (info.getValue() === null ? "–" : formatBps(info.getValue()!)),
    }),
    helper.accessor("retailCvCents", { id: "retailCv", header: "Retail CV", cell: (info) => money(info.getValue()) }),
    helper.accessor("personalCvCents", { id: "ownCv", header: "Own CV", cell: (info) => money(info.getValue()) }),
    helper.display({
      id: "retailPv",
      header: "Retail PV of PV",
      cell: ({ row: { original: r } }) => `${formatNumber(r.retailPv)} of ${formatNumber(r.pv)}`,
    }),
    helper.accessor("retailCustomers", { id: "customers", header: "Customers", cell: (info) => formatNumber(info.getValue()) }),
    ...(report.retailMinBps > 0
      ? [helper.accessor("meetsRule", { id: "rule", header: "Retail rule", cell: (info) => (info.getValue() ? "Met" : "Not met") })]
      : []),
    ...(report.retailMinCustomers > 0
      ? [
          helper.accessor("meetsCustomerRule", {
            id: "customerRule",
            header: "Customer rule",
            cell: ({ row: { original: r } }) =>
              `${r.meetsCustomerRule ? "Met" : "Not met"} (${formatNumber(r.retailCustomers)} of ${formatNumber(report.retailMinCustomers)})`,
          }),
        ]
      : []),
  ]);
  return (
    <DataTable
      columns={columns}
      data={report.rows}
      state={{ page: report.page, pageSize: report.pageSize }}
      rowCount={report.rowCount}
      hrefFor={(next) => retailHref("/admin/retail", { period: report.period.id, sort: report.sort, page: next.page })}
      getRowId={(r) => String(r.distributorId)}
      caption="Retail sales by distributor"
      numeric={["share", "retailCv", "ownCv", "retailPv", "customers"]}
      wrap={["name"]}
      columnClass={{ retailCv: wide, ownCv: wide, retailPv: wide, rule: wide, customerRule: wide }}
      pagerLabel="Retail sales pages"
      empty={<NoMatches>No paid orders in this period.</NoMatches>}
    />
  );
}
