import { describe, expect, it } from "vitest";
import { auditActions } from "./audit";
import { auditActionLabels, auditChangeViews, auditRefs, formatAuditEntry, type AuditRow } from "./audit-format";
import { fieldLabel, formatAuditValue, type AuditFormatContext } from "./audit-values";

const ctx: AuditFormatContext = {
  currency: "USD",
  timeZone: "UTC",
  names: {
    distributors: new Map([
      [161, "Ama Mensah"],
      [7, "Kofi Boateng"],
      [9, "Esi Owusu"],
    ]),
    products: new Map([[3, "Daily Greens"]]),
    periods: new Map([
      [12, "2026-12-01"],
      [11, "2026-11-01"],
    ]),
    plans: new Map([[4, 2]]),
  },
};

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1,
  createdAt: new Date("2026-12-04T10:30:00Z"),
  actor: "Ada Admin",
  action: "product.update",
  entity: "product",
  entityId: "3",
  before: null,
  after: null,
  ...over,
});

/** A change as one line of text, as a reader sees it. */
const line = (c: { label: string; before: { text: string } | null; after: { text: string } | null }) =>
  `${c.label}: ${[c.before?.text, c.after?.text].filter((t) => t !== undefined).join(" → ")}`;

describe("field labels", () => {
  it.each([
    ["priceCents", "Price"],
    ["pendingOrderMinutes", "Pending order minutes"],
    ["sku", "SKU"],
    ["retailMinCustomers", "Retail customers needed"],
    ["someNewThingCents", "Some new thing"],
    ["maxRetryCount", "Max retry count"],
    ["ledger_period", "Ledger period"],
  ])("%s reads as %s", (key, label) => expect(fieldLabel(key)).toBe(label));
});

describe("values", () => {
  it.each<[string, unknown, string]>([
    ["priceCents", 1250, "$12.50"],
    ["guestMaxTotalCents", 50000, "$500.00"],
    ["personalBps", 800, "8%"],
    ["retailMinBps", 1250, "12.5%"],
    ["retailMinCustomers", 3, "3 retail customers"],
    ["retailMinCustomers", 1, "1 retail customer"],
    ["retailMinCustomers", 0, "Off"],
    ["retailMinCustomers", undefined, "None"],
    ["pv", 100, "PV 100"],
    ["activeMinPv", 1500, "PV 1,500"],
    ["minGv", 10000, "GV 10,000"],
    ["active", true, "Yes"],
    ["compression", false, "No"],
    ["pendingOrderMinutes", 30, "30"],
    ["nextRunOn", "2026-06-20", "Jun 20, 2026"],
    ["runAt", "2026-12-04T10:30:00.000Z", "Dec 4, 2026, 10:30 AM UTC"],
    ["status", "pending_payment", "Pending payment"],
    ["reason", null, "None"],
    ["sponsorId", null, "None (top of the tree)"],
    ["orderIds", [4, 5], "#4, #5"],
    ["periods", [11, 12], "November 2026, December 2026"],
    ["periods", [], "None"],
    ["name", "x".repeat(300), `${"x".repeat(199)}…`],
  ])("%s = %j reads as %s", (key, value, text) => expect(formatAuditValue(key, value, ctx).text).toBe(text));

  it("names and links the records ids point at", () => {
    expect(formatAuditValue("distributorId", 161, ctx)).toEqual({ text: "Ama Mensah", href: "/admin/distributors/161" });
    expect(formatAuditValue("periodId", 12, ctx)).toEqual({ text: "December 2026", href: "/admin/periods/12/payouts" });
    expect(formatAuditValue("planId", 4, ctx)).toEqual({ text: "Version 2", href: "/admin/plan" });
    expect(formatAuditValue("distributorId", 999, ctx)).toEqual({ text: "Distributor #999 (no longer on file)" });
  });

  it("turns a tree path into the sponsor's name", () => {
    expect(formatAuditValue("path", "1.7.161", ctx)).toEqual({ text: "Kofi Boateng", href: "/admin/distributors/7" });
    expect(formatAuditValue("path", "161", ctx)).toEqual({ text: "None (top of the tree)" });
  });
});

describe("changes", () => {
  it("lists only the fields that changed, in words", () => {
    const before = { sku: "G1", name: "Daily Greens", priceCents: 1250, pv: 100, active: true };
    const after = { ...before, priceCents: 1400, active: false };
    expect(auditChangeViews(before, after, ctx).map(line)).toEqual(["Price: $12.50 → $14.00", "Active: Yes → No"]);
  });

  it("shows a creation's values alone and a deletion's as they were, without their empty fields", () => {
    expect(auditChangeViews(null, { sku: "G1", description: "", imageUrl: null, priceCents: 900 }, ctx)).toEqual([
      { label: "SKU", before: null, after: { text: "G1" } },
      { label: "Price", before: null, after: { text: "$9.00" } },
    ]);
    expect(auditChangeViews({ word: "lineage", note: "" }, null, ctx)).toEqual([{ label: "Word", before: { text: "lineage" }, after: null }]);
  });

  it("describes the retail rule's customer form turned on, changed and off", () => {
    // publishPlan records the field when off too (0).
    const plan = { version: 1, activeMinPv: 100, retailMinBps: 7000, retailMinCustomers: 0 };
    expect(auditChangeViews(plan, { ...plan, version: 2, retailMinCustomers: 3 }, ctx).map(line)).toEqual([
      "Version: 1 → 2",
      "Retail customers needed: Off → 3 retail customers",
    ]);
    expect(auditChangeViews({ ...plan, retailMinCustomers: 3 }, { ...plan, retailMinCustomers: 1 }, ctx).map(line)).toEqual([
      "Retail customers needed: 3 retail customers → 1 retail customer",
    ]);
    expect(auditChangeViews({ ...plan, retailMinCustomers: 1 }, plan, ctx).map(line)).toEqual(["Retail customers needed: 1 retail customer → Off"]);
  });

  it("describes a plan's levels and ranks change by change", () => {
    const before = {
      version: 1,
      levelsBps: [800, 500, 200],
      ranks: [
        { name: "Silver", minPv: 100, minGv: 1000, paidLevels: 2 },
        { name: "Bronze", minPv: 50, minGv: 0, paidLevels: 1 },
      ],
    };
    const after = {
      version: 2,
      levelsBps: [800, 600],
      ranks: [
        { name: "Silver", minPv: 200, minGv: 1000, paidLevels: 2 },
        { name: "Gold", minPv: 300, minGv: 5000, paidLevels: 3 },
      ],
      periods: [12],
    };
    expect(auditChangeViews(before, after, ctx).map(line)).toEqual([
      "Version: 1 → 2",
      "Level 2: 5% → 6%",
      "Level 3 removed: 2%",
      "Rank Silver: Minimum personal volume: PV 100 → PV 200",
      "Rank Gold added: PV 300 · GV 5,000 · 3 levels paid",
      "Rank Bronze removed: PV 50 · GV 0 · 1 level paid",
      "Open periods recomputed: December 2026",
    ]);
  });

  it("lists a first plan's levels without calling them added", () => {
    expect(auditChangeViews(null, { levelsBps: [800] }, ctx).map(line)).toEqual(["Level 1: 8%"]);
  });

  it("shows a move's sponsor once, by name, and hides the user id an email verification records", () => {
    const move = auditChangeViews({ sponsorId: 7, sponsorCode: "kofi", path: "1.7.161" }, { sponsorId: 9, sponsorCode: "esi", path: "1.9.161" }, ctx);
    expect(move.map(line)).toEqual(["Sponsor: Kofi Boateng → Esi Owusu", "Sponsor's referral code: kofi → esi"]);
    expect(move[0]!.after).toEqual({ text: "Esi Owusu", href: "/admin/distributors/9" });
    expect(auditChangeViews(undefined, { userId: 5, sponsor: "Kofi Boateng" }, ctx).map(line)).toEqual(["Sponsor: Kofi Boateng"]);
  });

  it("lists fields in reading order, whatever order jsonb kept them in", () => {
    const after = { rangeEndsOn: "2026-06-01", population: 320, inputsSha256: "ab12", rangeStartsOn: "2026-05-01" };
    expect(auditChangeViews(null, after, ctx).map((c) => c.label)).toEqual(["From", "To", "Distributors counted", "Inputs checksum (SHA-256)"]);
  });

  it("compares values that are not records as a whole", () => {
    expect(auditChangeViews(1, 1, ctx)).toEqual([]);
    expect(auditChangeViews(1, 2, ctx).map(line)).toEqual(["Value: 1 → 2"]);
  });
});

describe("entries", () => {
  it("has words for every action", () => {
    for (const action of auditActions) expect(auditActionLabels[action]).toMatch(/^[A-Z]/);
  });

  it("names the record each kind of entry is about", () => {
    const subject = (over: Partial<AuditRow>) => formatAuditEntry(row(over), ctx).subject;
    expect(subject({})).toEqual({ text: "Daily Greens", href: "/admin/products/3" });
    expect(subject({ entityId: "8", action: "product.delete", before: { name: "Old Tea" } })).toEqual({ text: "Old Tea (deleted)" });
    expect(subject({ entity: "distributor", entityId: "161" })).toEqual({ text: "Ama Mensah", href: "/admin/distributors/161" });
    expect(subject({ entity: "period", entityId: "12" })).toEqual({ text: "December 2026", href: "/admin/periods/12/payouts" });
    expect(subject({ entity: "payout_batch", entityId: "2", after: { periodId: 12 } })).toEqual({
      text: "Payouts for December 2026",
      href: "/admin/periods/12/payouts",
    });
    expect(subject({ entity: "plan", entityId: "4", after: { version: 2 } })).toEqual({ text: "Plan version 2", href: "/admin/plan" });
    expect(subject({ entity: "order", entityId: "42" })).toEqual({ text: "Order #42", href: "/admin/orders?q=42" });
    expect(subject({ entity: "shipping_rate", entityId: "GH" })).toEqual({ text: "Shipping to Ghana", href: "/admin/payments" });
    expect(subject({ entity: "checkout_settings", entityId: null })).toEqual({ text: "Checkout settings", href: "/admin/payments" });
    expect(subject({ entity: "company", entityId: null })).toEqual({ text: "Company identity", href: "/admin/company" });
    expect(subject({ entity: "reserved_word", entityId: "lineage" })).toEqual({ text: "Reserved word “lineage”", href: "/admin/referrals" });
    expect(subject({ entity: "announcement", entityId: "3", after: { subject: "Hello" } })).toEqual({
      text: "Announcement “Hello”",
      href: "/admin/announcements",
    });
    expect(subject({ entity: "job", entityId: "5" })).toEqual({ text: "Job #5", href: "/admin/jobs" });
    expect(subject({ entity: "email", entityId: "6" })).toEqual({ text: "Test email #6", href: "/admin/outbox/6" });
    expect(subject({ entity: "subscription", entityId: "7" })).toEqual({ text: "Autoship #7", href: "/admin/autoship" });
    expect(subject({ entity: "buyback", entityId: "8" })).toEqual({ text: "Buyback request #8", href: "/admin/returns" });
    expect(subject({ entity: "income_statement", entityId: "9" })).toEqual({ text: "Income statement #9", href: "/admin/income-statement" });
  });

  it("gives the page plain data: title, subject, actor, time and changes", () => {
    const entry = formatAuditEntry(row({ before: { priceCents: 1250 }, after: { priceCents: 1400 } }), ctx);
    expect(entry).toEqual({
      id: 1,
      createdAt: "2026-12-04T10:30:00.000Z",
      actor: "Ada Admin",
      action: "product.update",
      title: "Product changed",
      subject: { text: "Daily Greens", href: "/admin/products/3" },
      changes: [{ label: "Price", before: { text: "$12.50" }, after: { text: "$14.00" } }],
    });
  });

  it("collects the ids a page names, once per kind", () => {
    const rows = [
      row({}),
      row({
        entity: "distributor",
        entityId: "161",
        action: "distributor.move",
        before: { sponsorId: 7, path: "1.7.161" },
        after: { sponsorId: 9, path: "1.9.161" },
      }),
      row({ entity: "period", entityId: "12", before: { planId: 4 }, after: { planId: 4 } }),
      row({ entity: "order", entityId: "42", before: { periodId: 11 }, after: { ledgerPeriodId: 12 } }),
      row({ entity: "buyback", entityId: "8", after: { distributorId: 161, orderIds: [42] } }),
      row({ entity: "plan", entityId: "4", after: { periods: [12, 11] } }),
    ];
    const refs = auditRefs(rows);
    expect(refs.products).toEqual([3]);
    expect(refs.distributors.sort((a, b) => a - b)).toEqual([7, 9, 161]);
    expect(refs.periods.sort((a, b) => a - b)).toEqual([11, 12]);
    expect(refs.plans).toEqual([4]);
  });
});
