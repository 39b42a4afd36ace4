import { describe, expect, it } from "vitest";
import { explainEarningsLine } from "./earnings-text";

describe("explainEarningsLine", () => {
  const base = {
    kind: "commission" as const,
    orderId: 42,
    orderKind: "personal" as const,
    cvCents: 12_500,
    sellerName: "Maya <b>Chen</b>",
    generation: 2,
    level: 2,
    rateBps: 500,
    amountCents: 625,
    skipped: [],
  };

  it("states the base, the rate and the amount: base x rate = amount", () => {
    expect(explainEarningsLine(base, "USD")).toBe(
      "Order #42 (personal order) by Maya <b>Chen</b>, generation 2 of your team: level 2 pays 5% of $125.00 commissionable value = $6.25.",
    );
    expect(explainEarningsLine({ ...base, level: 1, generation: 1, rateBps: 800, amountCents: 1000 }, "USD")).toContain(
      "level 1 pays 8% of $125.00 commissionable value = $10.00.",
    );
  });

  it("says when the amount was rounded down to the cent, as the engine floors each line", () => {
    // 8% of $125.03 is $10.0024: the line pays $10.00.
    expect(explainEarningsLine({ ...base, cvCents: 12_503, rateBps: 800, amountCents: 1000 }, "USD")).toContain(
      "8% of $125.03 commissionable value = $10.00 (rounded down to the cent).",
    );
    // 12.5% of $33.33 is 416.625 cents: 416, never a rounded-up cent.
    expect(explainEarningsLine({ ...base, cvCents: 3333, rateBps: 1250, amountCents: 416 }, "USD")).toContain(
      "12.5% of $33.33 commissionable value = $4.16 (rounded down to the cent).",
    );
  });

  it("never prints a false equation: a line that differs from base x rate says what it records", () => {
    expect(explainEarningsLine({ ...base, amountCents: 600 }, "USD")).toContain("5% of $125.00 commissionable value = $6.25, but this line records $6.00.");
  });

  it("names who compression skipped", () => {
    const text = explainEarningsLine(
      {
        ...base,
        generation: 4,
        skipped: [
          { name: "Liam", reason: "inactive" },
          { name: "Ava", reason: "terminated" },
        ],
      },
      "USD",
    );
    expect(text).toBe(
      "Order #42 (personal order) by Maya <b>Chen</b>, generation 4 of your team: level 2 pays 5% of $125.00 commissionable value = $6.25; compression skipped Liam (inactive), Ava (terminated), so level 2 reached you.",
    );
    // The ledger names the uplines skipped since the previous level's earner; the others were skipped below it.
    expect(explainEarningsLine({ ...base, generation: 7, skipped: [{ name: "Liam", reason: "inactive" }] }, "USD")).toContain(
      "compression skipped Liam (inactive) after level 1 was paid, and 4 upline(s) before it, so level 2 reached you.",
    );
    expect(explainEarningsLine({ ...base, generation: 3 }, "USD")).toContain(
      "compression skipped 1 upline(s) before level 1 was paid, so level 2 reached you.",
    );
    expect(explainEarningsLine({ ...base, level: 1, generation: 3, rateBps: 1000, amountCents: 1250 }, "USD")).toContain(
      "compression skipped 2 upline(s), so level 1 reached you.",
    );
    expect(explainEarningsLine(base, "USD")).not.toContain("compression");
  });

  it("explains level 0 and clawbacks, the clawback's formula on the amount it takes back", () => {
    expect(explainEarningsLine({ ...base, level: 0, generation: 0, rateBps: 2000, orderKind: "retail", cvCents: 7300, amountCents: 1460 }, "USD")).toBe(
      "Your retail sale (order #42): 20% of $73.00 commissionable value = $14.60.",
    );
    expect(explainEarningsLine({ ...base, kind: "clawback", amountCents: -625 }, "USD")).toBe(
      "Order #42 (personal order) by Maya <b>Chen</b>, generation 2 of your team: level 2 pays 5% of $125.00 commissionable value = $6.25; the order was refunded after its period closed, so this line takes the commission back.",
    );
  });

  it("uses the company's currency", () => {
    expect(explainEarningsLine(base, "EUR")).toContain("5% of €125.00 commissionable value = €6.25");
  });
});
