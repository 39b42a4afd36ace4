"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { parseTeamQuery, teamPageSizes, teamQueryString, type TeamQuery } from "@/lib/validation/team";
import { Button, buttonClass } from "@/components/ui/button";

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export interface TeamFiltersProps {
  query: TeamQuery;
  teamPath: string;
  /** Generations that exist, for the generation filter. */
  generations: number[];
  ranks: string[];
}

/**
 * A plain GET form (it works before hydration); once hydrated, submitting
 * navigates to the canonical URL instead, without empty parameters.
 */
export function TeamFilters({ query, teamPath, generations, ranks }: TeamFiltersProps) {
  const router = useRouter();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params: Record<string, string> = {};
    for (const [k, v] of new FormData(event.currentTarget)) if (typeof v === "string") params[k] = v;
    // A new filter starts at page 1.
    router.push(`${teamPath}${teamQueryString({ ...parseTeamQuery(params), page: 1 })}`);
  };
  const maxGen = Math.max(0, ...generations);
  return (
    <form
      method="get"
      action={teamPath}
      onSubmit={onSubmit}
      aria-label="Filter your team"
      className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3 lg:grid-cols-6"
    >
      <label className="col-span-2 text-sm text-slate-700 sm:col-span-3 lg:col-span-2">
        Name
        <input type="search" name="q" defaultValue={query.q ?? ""} maxLength={80} placeholder="Search by name" className={field} />
      </label>
      <label className="text-sm text-slate-700">
        Generation
        <select name="gen" defaultValue={query.generation ?? ""} className={field}>
          <option value="">All</option>
          {Array.from({ length: Math.max(maxGen, query.generation ?? 0) }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Status
        <select name="active" defaultValue={query.active === undefined ? "" : query.active ? "yes" : "no"} className={field}>
          <option value="">All</option>
          <option value="yes">Active</option>
          <option value="no">Inactive</option>
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Rank
        <select name="rank" defaultValue={query.rank ?? ""} className={field}>
          <option value="">All</option>
          {ranks.map((name, position) => (
            <option key={position} value={position}>
              {name}
            </option>
          ))}
          <option value="none">No rank</option>
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Rows
        <select name="size" defaultValue={query.size} className={field}>
          {teamPageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="col-span-2 flex gap-2 sm:col-span-3 lg:col-span-6">
        <Button type="submit" size="sm">
          Apply filters
        </Button>
        <a
          href={`${teamPath}${teamQueryString({ sort: query.sort, dir: query.dir, size: query.size })}`}
          className={buttonClass({ variant: "secondary", size: "sm" })}
        >
          Clear filters
        </a>
      </div>
    </form>
  );
}
