import { describe, expect, it } from "vitest";
import { floorMean, nearestRank, nearestRankPosition, topPercentPosition, topPercentThreshold } from "./percentiles";

describe("nearest-rank percentiles", () => {
  it.each([
    // [p, n, position]
    [50, 1, 1],
    [50, 2, 1],
    [50, 3, 2],
    [50, 4, 2],
    [10, 10, 1],
    [10, 11, 2],
    [10, 30, 3], // 0.1 * 30 in floating point is 3.0000000000000004: integer arithmetic keeps 3
    [90, 10, 9],
    [90, 11, 10],
    [99, 100, 99],
    [100, 7, 7],
    [1, 1000000, 10000],
  ])("p%i of %i values is position %i", (p, n, position) => {
    expect(nearestRankPosition(p, n)).toBe(position);
  });

  it("picks values that exist, no interpolation", () => {
    const sorted = [0, 0, 0, 150, 200, 999, 1000, 5000, 12000, 80000];
    expect(nearestRank(sorted, 10)).toBe(0);
    expect(nearestRank(sorted, 50)).toBe(200);
    expect(nearestRank(sorted, 90)).toBe(12000);
    expect(nearestRank([-300, 0, 700], 50)).toBe(0);
  });

  it("places the top-1% threshold at the ceil(n/100)-th highest value", () => {
    expect(topPercentPosition(1)).toBe(1);
    expect(topPercentPosition(100)).toBe(100);
    expect(topPercentPosition(101)).toBe(100);
    expect(topPercentPosition(250)).toBe(248);
    const sorted = Array.from({ length: 250 }, (_, i) => i * 10);
    expect(topPercentThreshold(sorted)).toBe(2470);
  });

  it("refuses what has no percentile", () => {
    expect(() => nearestRankPosition(0, 5)).toThrow(RangeError);
    expect(() => nearestRankPosition(101, 5)).toThrow(RangeError);
    expect(() => nearestRankPosition(2.5, 5)).toThrow(RangeError);
    expect(() => nearestRankPosition(50, 0)).toThrow(RangeError);
    expect(() => topPercentPosition(0)).toThrow(RangeError);
  });

  it("rounds means down, also below zero", () => {
    expect(floorMean(10, 3)).toBe(3);
    expect(floorMean(-10, 3)).toBe(-4);
    expect(floorMean(0, 5)).toBe(0);
  });
});
