import { getTreeChildren } from "@/lib/data/team";
import { parseAsParam, parseDistributorId } from "@/lib/validation/team";

const notFound = () => Response.json({ error: "not found" }, { status: 404 });

/** Children of members of the viewer's tree (lazy loading); parents outside it are simply absent from the answer. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const as = parseAsParam(url.searchParams.get("as"));
  if (as === null) return notFound();
  const parents = url.searchParams
    .getAll("parent")
    .map((p) => parseDistributorId(p))
    .filter((id): id is number => id !== null);
  const offset = Math.min(1_000_000, parseDistributorId(url.searchParams.get("offset") ?? undefined) ?? 0);
  const levels = await getTreeChildren(parents, offset, as);
  if (parents.length > 0 && levels.length === 0) return notFound();
  return Response.json({ levels }, { headers: { "cache-control": "no-store" } });
}
