import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeReferralCode } from "@/lib/referral-code";
import { companyNameWords, findReservedWord, RESERVED_ROLE_WORDS, RESERVED_ROUTE_WORDS, reservedFreeSlug, reservedRules } from "./reserved";

const root = path.resolve(import.meta.dirname, "../..");
// The demo company's name, and one brand word an admin added.
const rules = reservedRules({
  companyName: "Verdant Wellness (demo)",
  added: [
    { word: "greenleaf", kind: "brand" },
    { word: "vip", kind: "word" },
  ],
});

/** The first URL segment of every route under app/ (route groups unwrapped; dynamic, private and parallel folders are not names). */
function topLevelRouteSegments(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (/^\(.+\)$/.test(entry.name)) out.push(...topLevelRouteSegments(path.join(dir, entry.name)));
    else if (!/^[[_@]/.test(entry.name)) out.push(entry.name);
  }
  return out;
}

describe("the built-in reserved words", () => {
  it("include every top-level route of app/ and every top-level name in public/", () => {
    const routes = topLevelRouteSegments(path.join(root, "app"));
    expect(routes).toContain("dashboard");
    const publicNames = fs.readdirSync(path.join(root, "public")).map((name) => name.replace(/\.[^.]+$/, ""));
    for (const name of [...routes, ...publicNames]) expect(RESERVED_ROUTE_WORDS, `app/ or public/ has "${name}"`).toContain(name);
  });

  it("are all codes a distributor could otherwise type", () => {
    for (const word of [...RESERVED_ROUTE_WORDS, ...RESERVED_ROLE_WORDS]) expect(normalizeReferralCode(word), word).toBe(word);
  });

  it("name the issue's routes and roles", () => {
    for (const word of ["admin", "api", "join", "sign-in", "sign-up", "login", "logout", "dashboard", "shop", "receipt", "agreement", "settings", "account"])
      expect(RESERVED_ROUTE_WORDS).toContain(word);
    for (const word of ["administrator", "root", "ceo", "cfo", "founder", "owner", "staff", "support", "company", "official", "team", "corporate"])
      expect(RESERVED_ROLE_WORDS).toContain(word);
    for (const word of ["moderator", "system", "null", "undefined", "help", "static", "public"])
      expect([...RESERVED_ROUTE_WORDS, ...RESERVED_ROLE_WORDS]).toContain(word);
  });
});

describe("the company's name", () => {
  it.each([
    ["Verdant Wellness (demo)", ["verdant", "wellness", "demo"]],
    ["The Green Leaf Company, Inc.", ["green", "leaf"]],
    ["Zoë's Naturals GmbH", ["zoe", "naturals"]],
    ["AB & Co", []],
    ["", []],
  ])("%j reserves %j", (name, words) => {
    expect(companyNameWords(name)).toEqual(words);
  });

  it("words of 4 or more characters are brand words, shorter ones reserved words", () => {
    const r = reservedRules({ companyName: "Leaf Co Sun Labs", added: [] });
    expect(r.brands).toEqual(["leaf", "labs"]);
    expect(r.words).toContain("sun");
    expect(findReservedWord("sunny-dana", r)).toBeNull();
    expect(findReservedWord("sun-dana", r)).toBe("sun");
    expect(findReservedWord("leafy-dana", r)).toBe("leaf");
  });
});

describe("findReservedWord", () => {
  it.each([
    // The finding: the codes the squatter took.
    ["ceo", "ceo"],
    ["verdant", "verdant"],
    ["login", "login"],
    // Reserved words as a hyphen-separated part, or a run of parts.
    ["verdant-ceo", "ceo"],
    ["ceo-dana", "ceo"],
    ["dana-support-team", "support"],
    ["dana-sign-in", "sign-in"],
    ["vip", "vip"],
    ["dana-vip", "vip"],
    // Brand words anywhere, hyphens ignored.
    ["verdantshop", "verdant"],
    ["my-verdant", "verdant"],
    ["ver-dant", "verdant"],
    ["dana-wellness", "wellness"],
    ["greenleaf-dana", "greenleaf"],
    ["green-leaf", "greenleaf"],
  ])("%j is reserved (%j)", (code, word) => {
    expect(findReservedWord(code, rules)).toBe(word);
  });

  it.each(["dana-rivers", "ceoffice", "rootbeer", "teamwork", "adminton", "signing-in", "vipul", "supporter", "login2", "nullah", "verdan"])(
    "%j is free",
    (code) => {
      expect(findReservedWord(code, rules)).toBeNull();
    },
  );
});

describe("reservedFreeSlug (generated codes)", () => {
  it.each([
    ["dana-rivers", "dana-rivers"],
    ["verdant-smith", "smith"],
    ["ceo-ann", "ann"],
    ["ann-verdantly", "ann"],
    ["admin", "member"],
    ["ver-dant", "member"],
  ])("%j -> %j", (slug, safe) => {
    expect(reservedFreeSlug(slug, rules)).toBe(safe);
    expect(findReservedWord(safe, rules)).toBeNull();
  });

  it("falls back to a bare letter when an admin reserved 'member' too", () => {
    const strict = reservedRules({ companyName: null, added: [{ word: "member", kind: "word" }] });
    expect(reservedFreeSlug("admin", strict)).toBe("m");
  });
});
