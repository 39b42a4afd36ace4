import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatNumber } from "@/lib/format";
import type { GenerationDto } from "@/lib/team/generations";
import { teamQueryString } from "@/lib/validation/team";

/** Members, active members and PV per generation; each generation links to the table filtered to it. */
export function GenerationsSummary({ generations, teamPath, periodLabel }: { generations: GenerationDto[]; teamPath: string; periodLabel: string | null }) {
  const total = generations.reduce((t, g) => ({ members: t.members + g.members, activeMembers: t.activeMembers + g.activeMembers, pv: t.pv + g.pv }), {
    members: 0,
    activeMembers: 0,
    pv: 0,
  });
  return (
    <section aria-labelledby="generations-heading" className="rounded-xl border border-slate-200 bg-white" data-testid="generations-summary">
      <div className="border-b border-slate-100 px-4 py-3">
        <h2 id="generations-heading" className="text-lg font-semibold text-slate-900">
          Generations
        </h2>
        <p className="text-sm text-slate-600">
          {periodLabel ? `Activity and PV in ${periodLabel}.` : "No open period yet: activity and PV start with the first one."}
        </p>
      </div>
      <ScrollRegion label="Generations" pinFirst={false} className="max-h-96 overflow-y-auto">
        <table className="w-full text-sm">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium sm:px-4">
                Generation
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium sm:px-4">
                Members
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium sm:px-4">
                Active
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium sm:px-4">
                PV
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {generations.map((g) => (
              <tr key={g.generation} data-testid="generation-row">
                <th scope="row" className="px-2 py-2 text-left font-medium sm:px-4">
                  <Link prefetch={false} href={`${teamPath}${teamQueryString({ generation: g.generation })}`} className="text-brand-700 hover:underline">
                    Generation {g.generation}
                  </Link>
                </th>
                <td className="px-2 py-2 text-right tabular-nums sm:px-4" data-testid="generation-members">
                  {formatNumber(g.members)}
                </td>
                <td className="px-2 py-2 text-right tabular-nums sm:px-4">{formatNumber(g.activeMembers)}</td>
                <td className="px-2 py-2 text-right tabular-nums sm:px-4">{formatNumber(g.pv)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="sticky bottom-0 border-t border-slate-200 bg-slate-50 font-semibold">
            <tr>
              <th scope="row" className="px-2 py-2 text-left sm:px-4">
                All generations
              </th>
              <td className="px-2 py-2 text-right tabular-nums sm:px-4" data-testid="generations-total">
                {formatNumber(total.members)}
              </td>
              <td className="px-2 py-2 text-right tabular-nums sm:px-4">{formatNumber(total.activeMembers)}</td>
              <td className="px-2 py-2 text-right tabular-nums sm:px-4">{formatNumber(total.pv)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}
