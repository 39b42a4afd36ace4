import { describe, expect, it } from "vitest";
import { adminAutoshipHref, parseAdminAutoshipQuery } from "./admin-autoship";
import { auditHref, parseAuditQuery } from "./admin-audit";
import { distributorListHref, parseDistributorListQuery } from "./admin-distributors";
import { adminOrdersHref, parseAdminOrderFilter } from "./admin-orders";
import { outboxHref, parseOutboxQuery } from "./admin-outbox";
import { parseTeamQuery } from "./team";

// Every list's URL state goes through nuqs parsers (list-params.ts): hostile or
// malformed values fall back to the list's defaults, and never throw.
const hostile = ["-3", "0", "1e3", "2.5", "0x10", " 2", "2x", "9999999999", "drop table orders", "'; delete from orders; --", "\u0000", ""];

describe("list URL parsers", () => {
  it("fall back to the first page for any malformed page", () => {
    for (const page of hostile) {
      expect(parseAdminOrderFilter({ page }).page, page).toBe(1);
      expect(parseDistributorListQuery({ page }).page, page).toBe(1);
      expect(parseTeamQuery({ page }).page, page).toBe(1);
      expect(parseOutboxQuery({ page }).page, page).toBe(1);
      expect(parseAuditQuery({ page }).page, page).toBe(1);
      expect(parseAdminAutoshipQuery({ page }).page, page).toBe(1);
    }
    expect(parseAdminOrderFilter({ page: "3" }).page).toBe(3);
    expect(parseDistributorListQuery({ page: ["4", "5"] }).page).toBe(4);
  });

  it("take only whitelisted sort keys and directions", () => {
    for (const sort of ["drop table", "lower(u.name); --", "id", "NAME", "constructor", "__proto__"]) {
      expect(parseDistributorListQuery({ sort, dir: "sideways" })).toMatchObject({ sort: "name", dir: "asc" });
      expect(parseTeamQuery({ sort })).toMatchObject({ sort: "gv", dir: "desc" });
      expect(parseAdminOrderFilter({ sort, dir: "up" })).toMatchObject({ sort: "created", dir: "desc" });
    }
    // A known key takes its usual first direction unless the URL says otherwise.
    expect(parseDistributorListQuery({ sort: "gv" })).toMatchObject({ sort: "gv", dir: "desc" });
    expect(parseDistributorListQuery({ sort: "gv", dir: "asc" })).toMatchObject({ sort: "gv", dir: "asc" });
    expect(parseAdminOrderFilter({ dir: "asc" })).toMatchObject({ sort: "created", dir: "asc" });
  });

  it("read the admin orders' filters, their short names and the flag; ignore anything else", () => {
    expect(parseAdminOrderFilter({ status: "pending_payment", flagged: "1", kind: "retail", q: " pi_123 " })).toEqual({
      status: "pending_payment",
      flagged: true,
      kind: "retail",
      q: "pi_123",
      sort: "created",
      dir: "desc",
      page: 1,
    });
    expect(parseAdminOrderFilter({ status: "pending" }).status).toBe("pending_payment");
    expect(parseAdminOrderFilter({ status: "failed" }).status).toBe("payment_failed");
    expect(parseAdminOrderFilter({ status: "expired" }).status).toBe("expired");
    expect(parseAdminOrderFilter({ status: "constructor", flagged: "yes", kind: "%00", q: "\u0007 " })).toEqual({
      status: undefined,
      flagged: undefined,
      kind: undefined,
      q: undefined,
      sort: "created",
      dir: "desc",
      page: 1,
    });
  });

  it("read the other lists' filters, dropping unknown values", () => {
    expect(parseDistributorListQuery({ status: "terminated", rank: "3", q: " ada " })).toMatchObject({ status: "terminated", rank: 3, q: "ada" });
    expect(parseDistributorListQuery({ status: "gone", rank: "-1" })).toMatchObject({ status: "any", rank: undefined });
    expect(parseDistributorListQuery({ rank: "none" }).rank).toBe("none");
    expect(parseAuditQuery({ entity: "product", entityId: " 12 " })).toEqual({ entity: "product", action: undefined, entityId: "12", page: 1 });
    expect(parseAuditQuery({ entity: "table", action: "drop", entityId: "1;2" })).toEqual({
      entity: undefined,
      action: undefined,
      entityId: undefined,
      page: 1,
    });
    expect(parseAdminAutoshipQuery({ filter: "failing", page: "2" })).toEqual({ filter: "failing", page: 2 });
    expect(parseAdminAutoshipQuery({ filter: "everything" })).toEqual({ filter: "all", page: 1 });
  });

  it("write canonical URLs: defaults left out, a parsed URL reads back the same", () => {
    expect(adminOrdersHref("/admin/orders", { status: "paid", sort: "created", dir: "desc", page: 1 })).toBe("/admin/orders?status=paid");
    expect(adminOrdersHref("/admin/orders", { dir: "asc", page: 2 })).toBe("/admin/orders?dir=asc&page=2");
    expect(distributorListHref("/admin/distributors", { status: "any", sort: "gv", page: 3 })).toBe("/admin/distributors?sort=gv&page=3");
    expect(outboxHref("/admin/outbox", { status: "failed", q: "a b" })).toBe("/admin/outbox?status=failed&q=a+b");
    expect(auditHref("/admin/audit", { entity: "product", page: 1 })).toBe("/admin/audit?entity=product");
    expect(adminAutoshipHref("/admin/autoship", { filter: "all", page: 2 })).toBe("/admin/autoship?page=2");
    const query = parseAdminOrderFilter({ status: "paid", kind: "retail", flagged: "1", q: "pi_1", dir: "asc", page: "4" });
    const href = adminOrdersHref("/admin/orders", query);
    expect(parseAdminOrderFilter(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(query);
  });
});
