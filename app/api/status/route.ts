import { now } from "@/lib/clock";
import { checkAvailability } from "@/lib/ops/readiness";

// For the error pages: {"available":false} while the database is gone or out of
// space, so they can say "temporarily unavailable". Public; names no cause.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await checkAvailability(now()), { headers: { "Cache-Control": "no-store" } });
}
