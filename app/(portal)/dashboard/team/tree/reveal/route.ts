import { revealTeamMember } from "@/lib/data/team";
import { parseAsParam, parseDistributorId } from "@/lib/validation/team";

/** What the tree must load to show one member of the viewer's downline; 404 for anyone else. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const as = parseAsParam(url.searchParams.get("as"));
  const member = parseDistributorId(url.searchParams.get("member") ?? undefined);
  const reveal = as === null || member === null ? null : await revealTeamMember(member, as);
  if (!reveal) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(reveal, { headers: { "cache-control": "no-store" } });
}
