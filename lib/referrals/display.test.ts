import { describe, expect, it } from "vitest";
import { joinPath, nameInitial } from "./display";

describe("display helpers", () => {
  it.each([
    ["Dana Rivers", "D"],
    ["  émile zola", "É"],
    ["<img src=x>", "<"],
    ["👩‍👩‍👧 Family", "👩‍👩‍👧"],
    ["", "?"],
  ])("the initial of %j is %j", (name, initial) => {
    expect(nameInitial(name)).toBe(initial);
  });

  it("builds a referral path", () => {
    expect(joinPath("dana-rivers")).toBe("/join/dana-rivers");
  });
});
