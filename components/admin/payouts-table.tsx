import { DataTable, dataTableColumns } from "@/components/data-table/data-table";
import { NoMatches } from "@/components/ui/list-filters";
import type { PayoutRowDto } from "@/lib/admin/payouts";
import { formatMoney } from "@/lib/format";
import { PAYOUT_PAGE_SIZE, payoutsHref } from "@/lib/validation/admin-payouts";

const helper = dataTableColumns<PayoutRowDto>();

export interface PayoutsTableProps {
  periodId: number;
  rows: PayoutRowDto[];
  total: number;
  page: number;
  currency: string;
}

/** A closed period's payout lines, largest payment first, a page at a time (the order of the bank file). */
export function PayoutsTable({ periodId, rows, total, page, currency }: PayoutsTableProps) {
  const money = (cents: number) => formatMoney(cents, currency);
  const dash = (cents: number) => (cents === 0 ? "–" : money(cents));
  const columns = helper.columns([
    helper.accessor("name", { header: "Distributor", enableSorting: false }),
    helper.accessor("code", { header: "Code", enableSorting: false, cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    helper.accessor("earnedCents", { id: "earned", header: "Earned", enableSorting: false, cell: (info) => money(info.getValue()) }),
    helper.accessor("carriedInCents", { id: "carriedIn", header: "Carried in", enableSorting: false, cell: (info) => dash(info.getValue()) }),
    helper.accessor("payableCents", {
      id: "payable",
      header: "To pay",
      enableSorting: false,
      cell: (info) => <span className="font-semibold">{money(info.getValue())}</span>,
    }),
    helper.accessor("carriedOutCents", { id: "carriedOut", header: "Carried forward", enableSorting: false, cell: (info) => dash(info.getValue()) }),
  ]);
  return (
    <DataTable
      columns={columns}
      data={rows}
      state={{ page, pageSize: PAYOUT_PAGE_SIZE }}
      rowCount={total}
      hrefFor={(next) => `/admin/periods/${periodId}/payouts${payoutsHref({ page: next.page })}`}
      getRowId={(r) => String(r.distributorId)}
      caption="Payouts"
      numeric={["earned", "carriedIn", "payable", "carriedOut"]}
      wrap={["name"]}
      rowTestId={(r) => `payout-${r.code}`}
      testId="payouts-table"
      pagerLabel="Payout pages"
      empty={<NoMatches>Nobody earned anything in this period.</NoMatches>}
    />
  );
}
