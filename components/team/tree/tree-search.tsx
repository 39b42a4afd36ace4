"use client";

import { useState, type FormEvent } from "react";
import type { TeamSearchHitDto } from "@/lib/team/tree";
import { fetchSearch } from "./tree-api";
import { Button } from "@/components/ui/button";

/** Find a member by name; picking one reveals them in the tree. */
export function TreeSearch({ as, onPick }: { as: number | undefined; onPick: (id: number) => void }) {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<TeamSearchHitDto[] | null>(null);
  const [error, setError] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (q.trim() === "") return;
    try {
      setError(false);
      setHits((await fetchSearch(q, as)).hits);
    } catch {
      setError(true);
    }
  };
  return (
    <div>
      <form role="search" onSubmit={onSubmit} className="flex gap-2">
        <label htmlFor="tree-search" className="sr-only">
          Find a member by name
        </label>
        <input
          id="tree-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={80}
          placeholder="Find a member by name"
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
        />
        <Button type="submit" size="sm">
          Find
        </Button>
      </form>
      {error ? <p className="mt-2 text-sm text-red-700">The search failed. Try again.</p> : null}
      {hits !== null ? (
        hits.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600" role="status">
            Nobody in your team matches.
          </p>
        ) : (
          <ul
            aria-label="Matching members"
            className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white"
            data-testid="tree-search-results"
          >
            {hits.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  onClick={() => {
                    setHits(null);
                    onPick(h.id);
                  }}
                  className="w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
                >
                  <span className="font-medium text-slate-900">{h.name}</span>{" "}
                  <span className="text-xs text-slate-500">
                    generation {h.generation}
                    {h.sponsorName ? `, sponsored by ${h.sponsorName}` : ""}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
