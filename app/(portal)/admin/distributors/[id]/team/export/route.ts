import { now } from "@/lib/clock";
import { notFound } from "next/navigation";
import { exportTeam } from "@/lib/data/team";
import { teamCsvResponse } from "@/lib/team/csv";
import { parseDistributorId, parseTeamQuery } from "@/lib/validation/team";

/** An admin's CSV of any distributor's filtered downline; exportTeam requires the admin role. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseDistributorId((await params).id);
  if (id === null) notFound();
  const query = parseTeamQuery(Object.fromEntries(new URL(request.url).searchParams));
  const { view, rows } = await exportTeam(query, id);
  if (!view) notFound();
  return teamCsvResponse(rows, view.ranks, `team-${id}-${now().toISOString().slice(0, 10)}.csv`);
}
