import { z } from "zod";
import { digits, pageNumber } from "./input";

/** Earnings filters from the URL; anything malformed is simply ignored. */
const schema = z.object({
  period: digits().pipe(z.number().min(1)).optional().catch(undefined),
  level: digits().pipe(z.number().max(50)).optional().catch(undefined),
  state: z.enum(["pending", "closed"]).optional().catch(undefined),
});
export type EarningsFilter = z.infer<typeof schema>;

export function parseEarningsFilter(params: Record<string, string | string[] | undefined>): EarningsFilter {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return schema.parse({ period: first(params.period), level: first(params.level), state: first(params.state) });
}

/** The page of /dashboard/earnings (`?page=`); anything malformed is the first page. */
export function parseEarningsPage(params: Record<string, string | string[] | undefined>): number {
  return pageNumber(params.page);
}

export function earningsQuery(filter: EarningsFilter): string {
  const q = new URLSearchParams();
  if (filter.period !== undefined) q.set("period", String(filter.period));
  if (filter.level !== undefined) q.set("level", String(filter.level));
  if (filter.state) q.set("state", filter.state);
  const s = q.toString();
  return s ? `?${s}` : "";
}
