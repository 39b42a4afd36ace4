import { describe, expect, it } from "vitest";
import { downlineSizes, pickLeaders, treePaths } from "./large";

describe("tree helpers", () => {
  // 0 <- 1 <- 2, 0 <- 3, 2 <- 4 (ids are index + 1)
  const sponsor = Int32Array.of(-1, 0, 1, 0, 2);

  it("derive paths and depths like the trigger, and downline sizes", () => {
    const { depth, pathOf } = treePaths(sponsor);
    expect(Array.from(depth)).toEqual([0, 1, 2, 1, 3]);
    expect([0, 1, 2, 3, 4].map(pathOf)).toEqual(["1", "1.2", "1.2.3", "1.4", "1.2.3.5"]);
    expect(Array.from(downlineSizes(sponsor))).toEqual([4, 2, 1, 0, 0]);
    expect(pickLeaders(sponsor, [2, 1])).toEqual([
      { id: 2, downline: 2 },
      { id: 3, downline: 1 },
    ]);
  });
});
