import { describe, expect, it } from "vitest";
import { explainEarningsLine } from "./earnings-text";

describe("explainEarningsLine", () => {
  const base = {
    kind: "commission" as const,
    orderId: 42,
    orderKind: "personal" as const,
    sellerName: "Maya <b>Chen</b>",
    generation: 2,
    level: 2,
    rateBps: 500,
    skipped: [],
  };

  it("names the order, seller, generation, level and rate", () => {
    expect(explainEarningsLine(base)).toBe(
      "Order #42 (personal order) by Maya <b>Chen</b>, generation 2 of your team: level 2 pays 5% of its commissionable value.",
    );
  });

  it("names who compression skipped", () => {
    const text = explainEarningsLine({
      ...base,
      generation: 4,
      skipped: [
        { name: "Liam", reason: "inactive" },
        { name: "Ava", reason: "terminated" },
      ],
    });
    expect(text).toContain("compression skipped Liam (inactive), Ava (terminated)");
  });

  it("explains level 0 and clawbacks", () => {
    expect(explainEarningsLine({ ...base, level: 0, generation: 0, rateBps: 2000, orderKind: "retail" })).toMatch(/^Your retail sale \(order #42\): 20%/);
    expect(explainEarningsLine({ ...base, kind: "clawback" })).toContain("takes the commission back");
  });
});
