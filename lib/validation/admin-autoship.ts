import { z } from "zod";
import { idField, pageNumber } from "./input";

// The admin autoship page's URL and its "Run now" form.

export const AUTOSHIP_PAGE_SIZE = 25;

export const autoshipFilters = ["all", "active", "paused", "failing"] as const;
/** failing: stopped after its last retry (status failed), or with a run waiting for a retry. */
export type AutoshipFilter = (typeof autoshipFilters)[number];

export interface AdminAutoshipQuery {
  filter: AutoshipFilter;
  page: number;
}

/** The list's URL: an unknown filter or a malformed page is ignored (every subscription, the first page), never an error. */
export function parseAdminAutoshipQuery(params: Record<string, string | string[] | undefined>): AdminAutoshipQuery {
  const filter = Array.isArray(params.filter) ? params.filter[0] : params.filter;
  return {
    filter: (autoshipFilters as readonly string[]).includes(filter ?? "") ? (filter as AutoshipFilter) : "all",
    page: pageNumber(params.page),
  };
}

/**
 * "Run now": the subscription and the date of the order the admin was shown
 * (its next run), so that a second click, or a stale page, cannot run the
 * month after as well.
 */
export const runAutoshipNowSchema = z.object({
  subscriptionId: idField("Choose an autoship from the list."),
  cycle: z.string({ error: "Reload the page and try again." }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Reload the page and try again." }),
});
