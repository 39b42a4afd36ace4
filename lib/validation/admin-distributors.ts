import { z } from "zod";

export const distributorStatusFilters = ["any", "active", "terminated"] as const;
export type DistributorStatusFilter = (typeof distributorStatusFilters)[number];
export const DISTRIBUTOR_PAGE_SIZE = 25;

export interface DistributorListQuery {
  /** Name, email or referral code (part of), or "#id". */
  q?: string;
  status: DistributorStatusFilter;
  /** A rank position of the open period's plan, "none" for no rank, undefined for any. */
  rank?: number | "none";
  page: number;
}

export function parseDistributorListQuery(params: Record<string, string | string[] | undefined>): DistributorListQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = one(params.q)?.trim().slice(0, 80);
  const status = one(params.status);
  const rank = one(params.rank);
  const page = Number(one(params.page) ?? "1");
  return {
    q: q || undefined,
    status: (distributorStatusFilters as readonly string[]).includes(status ?? "") ? (status as DistributorStatusFilter) : "any",
    rank: rank === "none" ? "none" : rank !== undefined && /^\d{1,2}$/.test(rank) ? Number(rank) : undefined,
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export const distributorIdSchema = z.object({
  distributorId: z.coerce.number({ error: "Choose a distributor." }).int().positive({ error: "Choose a distributor." }),
});

export const moveDistributorSchema = distributorIdSchema.extend({
  sponsor: z
    .string({ error: "Enter the new sponsor's referral code or #id." })
    .trim()
    .min(1, { error: "Enter the new sponsor's referral code or #id." })
    .max(64, { error: "Enter the new sponsor's referral code or #id." }),
});
