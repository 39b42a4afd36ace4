import { searchTeamMembers } from "@/lib/data/team";
import { searchText } from "@/lib/validation/input";
import { MAX_SEARCH_LENGTH, parseAsParam } from "@/lib/validation/team";

/** Members of the viewer's downline whose name contains `q`. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const as = parseAsParam(url.searchParams.get("as"));
  if (as === null) return Response.json({ error: "not found" }, { status: 404 });
  const q = searchText(url.searchParams.get("q") ?? undefined, MAX_SEARCH_LENGTH) ?? "";
  const hits = await searchTeamMembers(q, as);
  return Response.json({ hits }, { headers: { "cache-control": "no-store" } });
}
