import { ScrollRegion } from "@/components/ui/scroll-region";

/**
 * A chart with its text alternative: the chart is one image to assistive
 * technology (with a summary as its label), and the same figures follow as a
 * real table that anyone can open.
 */
export function ChartFigure({
  title,
  summary,
  chart,
  table,
  testId,
}: {
  title: string;
  summary: string;
  chart: React.ReactNode;
  table: React.ReactNode;
  testId?: string;
}) {
  return (
    // min-w-0: in a grid, the figures' table scrolls in its region rather than widening the column.
    <figure className="min-w-0 rounded-xl border border-slate-200 bg-white p-4" data-testid={testId}>
      <figcaption className="text-lg font-semibold text-slate-900">{title}</figcaption>
      <p className="mt-0.5 text-sm text-slate-600">{summary}</p>
      <div role="img" aria-label={`${title}. ${summary} The figures are in the table below the chart.`} className="mt-3">
        {chart}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-800">Show the figures as a table</summary>
        <ScrollRegion label={`${title}: the figures`} className="mt-2">
          {table}
        </ScrollRegion>
      </details>
    </figure>
  );
}
