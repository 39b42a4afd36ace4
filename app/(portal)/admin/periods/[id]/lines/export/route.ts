import { exportPeriodCommissionLines } from "@/lib/data/admin-commission-export";

const notFound = (message: string) =>
  new Response(message, { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** Every commission line of a period with its explanation, for regulators: ?format=csv (default) or json. The data layer refuses non-admins. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return notFound("Unknown format: use format=csv or format=json.");
  if (!/^\d{1,9}$/.test(id)) return notFound("There is no such period.");
  return (await exportPeriodCommissionLines(Number(id), format)) ?? notFound(`There is no period #${id}.`);
}
