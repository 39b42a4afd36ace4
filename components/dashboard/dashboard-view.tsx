import type { DashboardDto } from "@/lib/data/team";
import { DashboardSummary } from "./dashboard-summary";
import { HistoryCharts } from "./history-charts";

/**
 * A distributor's dashboard figures and charts; the same view an admin opens
 * read-only. `children` (the share card, for the owner) sits between the two,
 * so a phone shows this period first and the history last.
 */
export function DashboardView({
  data,
  currency,
  companyTimeZone,
  children,
}: {
  data: DashboardDto;
  currency: string;
  companyTimeZone: string;
  children?: React.ReactNode;
}) {
  return (
    <>
      <DashboardSummary
        summary={data.summary}
        currency={currency}
        teamPath={`${data.view.basePath}/team`}
        companyTimeZone={companyTimeZone}
        readOnly={data.view.readOnly}
      />
      {children}
      <HistoryCharts history={data.history} currency={currency} />
    </>
  );
}
