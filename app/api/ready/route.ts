import { now } from "@/lib/clock";
import { checkReadiness } from "@/lib/ops/readiness";

// Readiness: 200 when the database answers, the migrations are applied and the
// job worker runs; 503 with which of them failed otherwise (docs/operations.md).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(now());
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
