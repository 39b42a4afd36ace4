import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsPage } from "./list-params";

/** /dashboard/orders' URL state: the type tab and the page; anything else is ignored. */
export const myOrdersParams = {
  kind: parseAsStringLiteral(["personal", "retail"] as const),
  page: parseAsPage,
};
export const loadMyOrdersParams = createLoader(myOrdersParams);
/** "/dashboard/orders?kind=retail&page=2", leaving defaults out. */
export const myOrdersHref = createSerializer(myOrdersParams);
