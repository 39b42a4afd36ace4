import { ScrollRegion } from "@/components/ui/scroll-region";
import type { PlanPreview } from "@/lib/admin/plan";
import { formatBps, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

const ratio = (cents: number, cv: number) => (cv > 0 ? formatBps(Math.floor((cents * 10_000) / cv)) : "–");

/** The open period's payout now and under the draft, side by side: total, per level, breakage. */
export function PlanPreviewView({ preview, currency }: { preview: PlanPreview; currency: string }) {
  const money = (c: number) => formatMoney(c, currency);
  if (!preview.period) {
    return <p className="text-sm text-slate-600">There is no open period to preview: the draft would apply from the next one.</p>;
  }
  const { current, draft } = preview;
  const levels = Math.max(current.byLevel.length, draft.byLevel.length);
  const delta = draft.totalCents - current.totalCents;
  return (
    <section aria-labelledby="preview-heading" className="space-y-4" data-testid="plan-preview">
      <div>
        <h2 id="preview-heading" className="text-lg font-semibold text-slate-900">
          Preview: {formatPeriod(preview.period.startsOn)}
        </h2>
        <p className="text-sm text-slate-600">
          {formatNumber(preview.orders)} counted orders, CV {money(preview.cvCents)}. Computed in memory; nothing is saved.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-slate-500">Total paid (draft)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="preview-total">
            {money(draft.totalCents)}
          </dd>
          <dd className="text-xs text-slate-500">
            now {money(current.totalCents)} ({delta >= 0 ? "+" : "−"}
            {money(Math.abs(delta))})
          </dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-slate-500">Payout ratio</dt>
          <dd className="text-lg font-semibold tabular-nums">{ratio(draft.totalCents, preview.cvCents)}</dd>
          <dd className="text-xs text-slate-500">now {ratio(current.totalCents, preview.cvCents)}</dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-slate-500">Breakage (draft)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="preview-breakage">
            {money(draft.breakageCents)}
          </dd>
          <dd className="text-xs text-slate-500">now {money(current.breakageCents)}</dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-slate-500">Active distributors</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatNumber(draft.active)}</dd>
          <dd className="text-xs text-slate-500">now {formatNumber(current.active)}</dd>
        </div>
      </dl>
      <ScrollRegion label="Paid per level" className="rounded-xl border border-slate-200">
        <table className="w-full text-sm" data-testid="preview-levels">
          <caption className="sr-only">Paid per level, now and under the draft</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Level
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Rate now
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Paid now
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Draft rate
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Draft paid
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Draft breakage
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {Array.from({ length: levels }, (_, level) => {
              const c = current.byLevel[level];
              const d = draft.byLevel[level];
              return (
                <tr key={level}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {level === 0 ? "Retail share" : `Level ${level}`}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{c ? formatBps(c.rateBps) : "–"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c ? money(c.paidCents) : "–"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d ? formatBps(d.rateBps) : "–"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d ? money(d.paidCents) : "–"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d && level > 0 ? money(d.poolCents - d.paidCents) : "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {draft.ranks.length > 0 ? (
        <p className="text-sm text-slate-600">Ranks under the draft: {draft.ranks.map((r) => `${r.name} ${formatNumber(r.count)}`).join(" · ")}</p>
      ) : (
        <p className="text-sm text-amber-800">The draft has no ranks: nobody qualifies for any level, so every level is breakage.</p>
      )}
    </section>
  );
}
