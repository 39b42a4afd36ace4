import { createLoader, createParser, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { orderStatuses, type OrderStatus } from "@/db/schema";
import { parseAsDir, parseAsPage, parseAsSearch, type SortDir } from "./list-params";

/** Orders per page of /admin/orders. */
export const ADMIN_ORDER_PAGE_SIZE = 25;

/** What the list can be sorted by: the order's time (the (created_at, id) index reads it either way). */
export const adminOrderSortKeys = ["created"] as const;
export type AdminOrderSortKey = (typeof adminOrderSortKeys)[number];

export interface AdminOrderFilter {
  status?: OrderStatus;
  kind?: "personal" | "retail";
  flagged?: true;
  q?: string;
  /** Newest first when absent. */
  sort?: AdminOrderSortKey;
  dir?: SortDir;
  /** 1-based; a page past the end shows the last one. */
  page: number;
}

// Short names for the filters a person types or bookmarks.
const statusAliases = new Map<string, OrderStatus>([
  ["pending", "pending_payment"],
  ["failed", "payment_failed"],
]);

/** The orders list's URL state; anything unknown is ignored, never an error. */
export const adminOrderParams = {
  q: parseAsSearch(),
  status: createParser<OrderStatus>({
    parse: (v) => ((orderStatuses as readonly string[]).includes(v) ? (v as OrderStatus) : (statusAliases.get(v) ?? null)),
    serialize: (s) => s,
  }),
  kind: parseAsStringLiteral(["personal", "retail"] as const),
  flagged: createParser<true>({ parse: (v) => (v === "1" || v === "on" ? true : null), serialize: () => "1" }),
  sort: parseAsStringLiteral(adminOrderSortKeys).withDefault("created").withOptions({ clearOnDefault: true }),
  dir: parseAsDir.withDefault("desc").withOptions({ clearOnDefault: true }),
  page: parseAsPage,
};
const loadAdminOrderParams = createLoader(adminOrderParams);
/** "/admin/orders?status=paid&page=2", leaving defaults out. */
export const adminOrdersHref = createSerializer(adminOrderParams);

export function parseAdminOrderFilter(params: Record<string, string | string[] | undefined>): AdminOrderFilter {
  const p = loadAdminOrderParams(params);
  return {
    status: p.status ?? undefined,
    kind: p.kind ?? undefined,
    flagged: p.flagged ?? undefined,
    q: p.q ?? undefined,
    sort: p.sort,
    dir: p.dir,
    page: p.page,
  };
}
