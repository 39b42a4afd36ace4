import { describe, expect, it } from "vitest";
import { parseDistributorId, parseTeamFilter, parseTeamQuery, teamQueryString } from "./team";

describe("the team table's URL state", () => {
  it("has defaults: GV descending, page 1, 25 rows, no filters", () => {
    expect(parseTeamQuery({})).toEqual({ sort: "gv", dir: "desc", page: 1, size: 25 });
    expect(teamQueryString(parseTeamQuery({}))).toBe("");
  });

  it.each([
    [
      "every field",
      { q: " Ana ", gen: "3", active: "yes", rank: "2", sort: "name", dir: "desc", page: "4", size: "50" },
      { q: "Ana", generation: 3, active: true, rank: 2, sort: "name", dir: "desc", page: 4, size: 50 },
    ],
    ["inactive, no rank", { active: "no", rank: "none" }, { active: false, rank: "none", sort: "gv", dir: "desc", page: 1, size: 25 }],
    ["a sort without a direction takes the column's usual one", { sort: "name" }, { sort: "name", dir: "asc", page: 1, size: 25 }],
    ["repeated parameters: the first wins", { gen: ["2", "5"] }, { generation: 2, sort: "gv", dir: "desc", page: 1, size: 25 }],
  ])("parses %s", (_label, params, expected) => {
    expect(parseTeamQuery(params)).toEqual(expected);
  });

  it.each([
    ["unknown sort", { sort: "email" }],
    ["bad direction", { dir: "sideways" }],
    ["page zero", { page: "0" }],
    ["negative page", { page: "-3" }],
    ["fractional page", { page: "1.5" }],
    ["huge page", { page: "1e12" }],
    ["page as text", { page: "two" }],
    ["page size not offered", { size: "1000" }],
    ["generation zero", { gen: "0" }],
    ["generation too deep", { gen: "99999999" }],
    ["generation as text", { gen: "<script>" }],
    ["active neither yes nor no", { active: "maybe" }],
    ["rank as text", { rank: "gold" }],
    ["empty search", { q: "   " }],
  ])("ignores %s", (_label, params) => {
    expect(parseTeamQuery(params)).toEqual({ sort: "gv", dir: "desc", page: 1, size: 25 });
  });

  it("caps a long search", () => {
    expect(parseTeamFilter({ q: "x".repeat(500) }).q).toHaveLength(80);
  });

  it("round-trips through the URL, leaving defaults out", () => {
    for (const params of [{ gen: "2", sort: "pv", dir: "asc", page: "3" }, { q: "a&b=c", active: "no", rank: "none", size: "10" }, { sort: "joined" }]) {
      const query = parseTeamQuery(params);
      expect(parseTeamQuery(Object.fromEntries(new URLSearchParams(teamQueryString(query))))).toEqual(query);
    }
    expect(teamQueryString({ sort: "name", dir: "asc" })).toBe("?sort=name");
    expect(teamQueryString({ sort: "gv", dir: "asc" })).toBe("?dir=asc");
  });
});

describe("distributor ids from URLs", () => {
  it.each([
    ["42", 42],
    ["0", null],
    ["-1", null],
    ["01", null],
    ["1.5", null],
    ["abc", null],
    ["99999999999", null],
    ["2147483648", null],
    [undefined, null],
  ])("%s -> %s", (raw, expected) => {
    expect(parseDistributorId(raw)).toBe(expected);
  });
});
