import { z } from "zod";
import { confirmedField, idField, pageNumber, searchText, textField } from "./input";

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
  const q = searchText(params.q);
  const status = one(params.status);
  const rank = one(params.rank);
  return {
    q,
    status: (distributorStatusFilters as readonly string[]).includes(status ?? "") ? (status as DistributorStatusFilter) : "any",
    rank: rank === "none" ? "none" : rank !== undefined && /^\d{1,2}$/.test(rank) ? Number(rank) : undefined,
    page: pageNumber(params.page),
  };
}

export const distributorIdSchema = z.object({
  distributorId: idField("Choose a distributor."),
});

/** Terminate and reactivate: the distributor, confirmed in the dialog. */
export const distributorStatusSchema = distributorIdSchema.extend({ confirm: confirmedField() });

export const moveDistributorSchema = distributorIdSchema.extend({
  confirm: confirmedField(),
  sponsor: textField("Enter the new sponsor's referral code or #id.")
    .min(1, { error: "Enter the new sponsor's referral code or #id." })
    .max(64, { error: "Enter the new sponsor's referral code or #id." }),
});
