import { now } from "@/lib/clock";
import { exportTeam } from "@/lib/data/team";
import { teamCsvResponse } from "@/lib/team/csv";
import { parseTeamQuery } from "@/lib/validation/team";

/** The filtered, sorted downline as CSV (every page); exportTeam checks the session and scopes to the viewer. */
export async function GET(request: Request): Promise<Response> {
  const query = parseTeamQuery(Object.fromEntries(new URL(request.url).searchParams));
  const { view, rows } = await exportTeam(query);
  return teamCsvResponse(rows, view?.ranks ?? [], `team-${now().toISOString().slice(0, 10)}.csv`);
}
