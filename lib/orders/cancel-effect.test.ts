import { describe, expect, it } from "vitest";
import { cancelEffectText } from "./cancel-effect";

describe("cancelEffectText", () => {
  it("states the PV, the rank and the estimate before and after", () => {
    expect(
      cancelEffectText(
        {
          kind: "open",
          periodStartsOn: "2026-11-01",
          pvBefore: 260,
          pvAfter: 140,
          rankBefore: "Gold",
          rankAfter: "Silver",
          earningsBeforeCents: 40000,
          earningsAfterCents: 24607,
        },
        "USD",
      )[0],
    ).toBe("Your November 2026 PV drops from 260 to 140: you go from Gold to Silver and your estimate drops by $153.93, from $400.00 to $246.07.");
  });

  it("leaves the rank out when it stays", () => {
    const preview = { kind: "open", periodStartsOn: "2026-11-01", pvBefore: 60, pvAfter: 40, rankBefore: "Member", rankAfter: "Member" } as const;
    expect(cancelEffectText({ ...preview, earningsBeforeCents: 500, earningsAfterCents: 500 }, "USD")[0]).toBe(
      "Your November 2026 PV drops from 60 to 40 and your estimate stays at $5.00.",
    );
  });

  it("says a closed period's commissions are clawed back", () => {
    expect(cancelEffectText({ kind: "closed", periodStartsOn: "2026-10-01", clawbackCents: 1234 }, "USD")[0]).toContain(
      "the $12.34 you earned on this order is clawed back",
    );
  });
});
