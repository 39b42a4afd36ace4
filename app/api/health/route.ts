// Liveness: the process is up and serving HTTP. It asks nothing of the
// database (readiness does: /api/ready), so a slow database never gets a live
// instance restarted.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
