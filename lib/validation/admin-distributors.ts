import { z } from "zod";
import { createLoader, createParser, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { confirmedField, idField, textField } from "./input";
import { parseAsDir, parseAsPage, parseAsSearch, type SortDir } from "./list-params";

export const distributorStatusFilters = ["any", "active", "terminated"] as const;
export type DistributorStatusFilter = (typeof distributorStatusFilters)[number];
export const DISTRIBUTOR_PAGE_SIZE = 25;

/** What the list can be sorted by (lib/admin/distributors.ts maps each key to its SQL). */
export const distributorSortKeys = ["name", "code", "pv", "gv", "rank"] as const;
export type DistributorSortKey = (typeof distributorSortKeys)[number];
/** The first click on a column: names and codes A to Z, volumes and ranks biggest first. */
export const distributorDefaultDir: Record<DistributorSortKey, SortDir> = { name: "asc", code: "asc", pv: "desc", gv: "desc", rank: "desc" };

export interface DistributorListQuery {
  /** Name, email or referral code (part of), or "#id". */
  q?: string;
  status: DistributorStatusFilter;
  /** A rank position of the open period's plan, "none" for no rank, undefined for any. */
  rank?: number | "none";
  /** By name (A to Z) when absent. */
  sort?: DistributorSortKey;
  dir?: SortDir;
  page: number;
}

/** The distributors list's URL state; anything unknown falls back to its default. */
export const distributorListParams = {
  q: parseAsSearch(),
  status: parseAsStringLiteral(distributorStatusFilters).withDefault("any").withOptions({ clearOnDefault: true }),
  rank: createParser<number | "none">({
    parse: (v) => (v === "none" ? "none" : /^\d{1,2}$/.test(v) ? Number(v) : null),
    serialize: String,
  }),
  sort: parseAsStringLiteral(distributorSortKeys),
  dir: parseAsDir,
  page: parseAsPage,
};
const loadDistributorListParams = createLoader(distributorListParams);
/** "/admin/distributors?status=active&sort=gv", leaving defaults out. */
export const distributorListHref = createSerializer(distributorListParams);

export function parseDistributorListQuery(params: Record<string, string | string[] | undefined>): DistributorListQuery {
  const p = loadDistributorListParams(params);
  const sort = p.sort ?? "name";
  return { q: p.q ?? undefined, status: p.status, rank: p.rank ?? undefined, sort, dir: p.dir ?? distributorDefaultDir[sort], page: p.page };
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
