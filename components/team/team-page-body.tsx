import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { formatNumber, formatPeriod } from "@/lib/format";
import type { TeamViewDto } from "@/lib/data/team";
import type { DownlinePageDto } from "@/lib/team/downline";
import type { GenerationDto } from "@/lib/team/generations";
import { filterOf, teamQueryString, type TeamQuery } from "@/lib/validation/team";
import { DownlineTable } from "./downline-table";
import { GenerationsSummary } from "./generations-summary";
import { ReadOnlyBanner } from "./read-only-banner";
import { TeamEmpty } from "./team-empty";
import { TeamFilters } from "./team-filters";

const button = buttonClass({ variant: "secondary", size: "sm" });

export interface TeamPageBodyProps {
  view: TeamViewDto;
  generations: GenerationDto[];
  page: DownlinePageDto;
  query: TeamQuery;
  exportLimit: number;
}

/** The team page: generations, filters, the downline table and its CSV export. */
export function TeamPageBody({ view, generations, page, query, exportLimit }: TeamPageBodyProps) {
  const teamPath = `${view.basePath}/team`;
  const teamSize = generations.reduce((n, g) => n + g.members, 0);
  const filtered = Object.values(filterOf(query)).some((v) => v !== undefined);
  return (
    <section className="space-y-6">
      {view.readOnly ? <ReadOnlyBanner ownerName={view.ownerName} basePath={view.basePath} /> : null}
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{view.readOnly ? `${view.ownerName}’s team` : "Your team"}</h1>
          <p className="mt-1 text-slate-600">
            <span data-testid="team-size">{formatNumber(teamSize)}</span> {teamSize === 1 ? "member" : "members"} in {generations.length}{" "}
            {generations.length === 1 ? "generation" : "generations"}
          </p>
        </div>
        {teamSize > 0 ? (
          <Link prefetch={false} href={`${teamPath}/tree`} className={button}>
            Tree view
          </Link>
        ) : null}
      </header>
      {view.period?.updating ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Updating: a change high in the tree is being applied. Volumes and ranks settle in a moment.
        </p>
      ) : null}
      {teamSize === 0 ? (
        <TeamEmpty readOnly={view.readOnly} ownerName={view.ownerName} />
      ) : (
        <>
          <GenerationsSummary generations={generations} teamPath={teamPath} periodLabel={view.period ? formatPeriod(view.period.startsOn) : null} />
          <section aria-labelledby="downline-heading" className="space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="downline-heading" className="text-lg font-semibold text-slate-900">
                Downline
              </h2>
              <a href={`${teamPath}/export${teamQueryString({ ...filterOf(query), sort: query.sort, dir: query.dir })}`} className={button} download>
                Download CSV
              </a>
            </div>
            <TeamFilters query={query} teamPath={teamPath} generations={generations.map((g) => g.generation)} ranks={view.ranks} />
            {page.total > exportLimit ? (
              <p className="text-sm text-slate-600">The CSV holds the first {formatNumber(exportLimit)} rows in this order; narrow the filters for the rest.</p>
            ) : null}
            <DownlineTable
              rows={page.rows}
              total={page.total}
              query={query}
              page={page.page}
              teamPath={teamPath}
              ownerId={view.ownerId}
              ranks={view.ranks}
              empty={
                <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="no-matches">
                  <p className="font-medium text-slate-800">Nobody matches these filters</p>
                  <p className="mt-1 text-sm text-slate-600">
                    {filtered ? (
                      <Link prefetch={false} href={`${teamPath}${teamQueryString({ sort: query.sort, dir: query.dir })}`} className="text-brand-700 underline">
                        Clear the filters
                      </Link>
                    ) : null}
                  </p>
                </div>
              }
            />
          </section>
        </>
      )}
    </section>
  );
}
