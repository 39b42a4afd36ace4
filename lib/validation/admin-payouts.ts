import { createLoader, createSerializer } from "nuqs/server";
import { parseAsPage } from "./list-params";

/** Payout lines per page of /admin/periods/<id>/payouts (the bank file has them all). */
export const PAYOUT_PAGE_SIZE = 50;

/** The payouts list's URL state: only the page; a bad value shows the first. */
export const payoutParams = { page: parseAsPage };
const loadPayoutParams = createLoader(payoutParams);
/** "/admin/periods/3/payouts?page=2", leaving the first page out. */
export const payoutsHref = createSerializer(payoutParams);

export function parsePayoutPage(params: Record<string, string | string[] | undefined>): number {
  return loadPayoutParams(params).page;
}
