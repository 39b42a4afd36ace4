import { formatNumber } from "@/lib/format";

/** "830 / 1,000 GV" with a bar; the figures are the accessible value, since a target can be passed. */
export function ProgressBar({ label, value, target, unit, testId }: { label: string; value: number; target: number; unit: string; testId?: string }) {
  const met = value >= target;
  const pct = target <= 0 ? 100 : Math.min(100, Math.round((value / target) * 100));
  const text = `${formatNumber(value)} / ${formatNumber(target)} ${unit}`;
  return (
    <div data-testid={testId}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="text-slate-700">{label}</span>
        <span className={`tabular-nums ${met ? "font-semibold text-emerald-700" : "text-slate-900"}`}>
          {text}
          {met ? <span className="sr-only"> (met)</span> : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={Math.max(target, 0)}
        aria-valuenow={Math.min(value, Math.max(target, 0))}
        aria-valuetext={`${text}${met ? ", met" : ""}`}
        className="mt-1 h-2.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full ${met ? "bg-emerald-600" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
