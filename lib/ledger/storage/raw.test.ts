import { describe, expect, it, vi } from "vitest";
import { statementName } from "./raw";

describe("prepared statement names", () => {
  it("depend on the text alone, so every copy of the module names a statement alike", async () => {
    const a = statementName("select 1");
    vi.resetModules();
    const copy = await import("./raw");
    expect(copy.statementName("select 2")).not.toBe(a);
    expect(copy.statementName("select 1")).toBe(a);
    expect(a).toMatch(/^lineage_[0-9a-f]{32}$/);
  });
});
