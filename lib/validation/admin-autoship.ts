import { z } from "zod";
import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { idField } from "./input";
import { parseAsPage } from "./list-params";

// The admin autoship page's URL and its "Run now" form.

export const AUTOSHIP_PAGE_SIZE = 25;

export const autoshipFilters = ["all", "active", "paused", "failing"] as const;
/** failing: stopped after its last retry (status failed), or with a run waiting for a retry. */
export type AutoshipFilter = (typeof autoshipFilters)[number];

export interface AdminAutoshipQuery {
  filter: AutoshipFilter;
  page: number;
}

/** The list's URL state: an unknown filter or a malformed page is ignored (every subscription, the first page), never an error. */
export const adminAutoshipParams = {
  filter: parseAsStringLiteral(autoshipFilters).withDefault("all").withOptions({ clearOnDefault: true }),
  page: parseAsPage,
};
const loadAdminAutoshipParams = createLoader(adminAutoshipParams);
/** "/admin/autoship?filter=failing&page=2", leaving defaults out. */
export const adminAutoshipHref = createSerializer(adminAutoshipParams);

export function parseAdminAutoshipQuery(params: Record<string, string | string[] | undefined>): AdminAutoshipQuery {
  return loadAdminAutoshipParams(params);
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
