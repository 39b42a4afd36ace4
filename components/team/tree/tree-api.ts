import type { RevealDto, TeamSearchHitDto, TreeChildrenDto } from "@/lib/team/tree";

// The tree's JSON route handlers (app/(portal)/dashboard/team/tree/*). `as` is an
// admin's read-only view of another distributor; the server checks both.

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 404 ? "not found" : `request failed (${res.status})`);
  return (await res.json()) as T;
}

function withAs(params: URLSearchParams, as: number | undefined): string {
  if (as !== undefined) params.set("as", String(as));
  return params.toString();
}

export function fetchChildren(parents: number[], offset: number, as: number | undefined): Promise<{ levels: TreeChildrenDto[] }> {
  const p = new URLSearchParams();
  for (const id of parents) p.append("parent", String(id));
  if (offset > 0) p.set("offset", String(offset));
  return getJson(`/dashboard/team/tree/nodes?${withAs(p, as)}`);
}

export function fetchSearch(q: string, as: number | undefined): Promise<{ hits: TeamSearchHitDto[] }> {
  return getJson(`/dashboard/team/tree/search?${withAs(new URLSearchParams({ q }), as)}`);
}

export function fetchReveal(member: number, as: number | undefined): Promise<RevealDto> {
  return getJson(`/dashboard/team/tree/reveal?${withAs(new URLSearchParams({ member: String(member) }), as)}`);
}
