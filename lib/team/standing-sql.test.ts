import { describe, expect, it } from "vitest";
import { containsPattern, zeroStanding } from "./standing-sql";

describe("SQL helpers", () => {
  it("takes LIKE wildcards in a search literally", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
  it("gives members without volume the plan's zero rank and activity", () => {
    expect(
      zeroStanding({
        activeMinPv: 100,
        personalBps: 0,
        levelsBps: [],
        compression: true,
        ranks: [
          { name: "A", minPv: 0, minGv: 0, paidLevels: 1 },
          { name: "B", minPv: 0, minGv: 10, paidLevels: 2 },
        ],
      }),
    ).toEqual({ active: false, rank: 0 });
    expect(zeroStanding({ activeMinPv: 0, personalBps: 0, levelsBps: [], compression: true, ranks: [] })).toEqual({ active: true, rank: null });
    expect(zeroStanding(null)).toEqual({ active: false, rank: null });
  });
});
