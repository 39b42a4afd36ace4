import { describe, expect, it } from "vitest";
import { SKIP_INACTIVE, SKIP_TERMINATED } from "@/lib/commissions";
import { parseSkipped, skippedText } from "./skipped";

describe("a line's skipped uplines as text", () => {
  const ids = [10, 20, 30, 40];
  const skips = {
    begin: new Int32Array([0, 2]),
    end: new Int32Array([2, 2]),
    index: new Int32Array([3, 1]),
    reason: new Uint8Array([SKIP_INACTIVE, SKIP_TERMINATED]),
  };

  it("joins ids in order, a terminated one marked t, and is null when nobody was skipped", () => {
    expect(skippedText(skips, 0, ids)).toBe("40,20t");
    expect(skippedText(skips, 1, ids)).toBeNull();
  });

  it("parses back what it writes", () => {
    expect(parseSkipped("40,20t")).toEqual([
      { id: 40, reason: "inactive" },
      { id: 20, reason: "terminated" },
    ]);
    expect(parseSkipped(null)).toEqual([]);
  });

  it.each(["", ",", "1,,2", "1x", "t", "1 2", "-1", '{"skipped":[]}'])("reads malformed text %j as nobody skipped", (text) => {
    expect(parseSkipped(text)).toEqual([]);
  });
});
