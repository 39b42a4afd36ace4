import { describe, expect, it } from "vitest";
import { auditChanges } from "./audit-diff";

describe("auditChanges", () => {
  it("lists only the fields that changed", () => {
    expect(auditChanges({ name: "A", priceCents: 100, active: true }, { name: "A", priceCents: 250, active: false })).toEqual([
      { field: "priceCents", before: "100", after: "250" },
      { field: "active", before: "true", after: "false" },
    ]);
  });
  it("shows a creation and a deletion field by field", () => {
    expect(auditChanges(null, { sku: "X" })).toEqual([{ field: "sku", before: null, after: '"X"' }]);
    expect(auditChanges({ sku: "X" }, null)).toEqual([{ field: "sku", before: '"X"', after: null }]);
  });
  it("compares nested values as JSON and shortens long ones", () => {
    expect(auditChanges({ levelsBps: [800, 500] }, { levelsBps: [800, 500] })).toEqual([]);
    const long = auditChanges({ d: "" }, { d: "x".repeat(500) })[0]!;
    expect(long.after!.length).toBe(198);
  });
});
