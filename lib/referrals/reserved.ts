// Words no distributor may take as (part of) a referral code, so that a link
// `/join/<code>` cannot pass for the company's own page, staff or brand
// (issue 16, point 8). Pure: the admin-added words and the company's name are
// read by the caller (lib/referrals/codes.ts, loadReservedRules) and passed in.
//
// The matching rule, by kind:
//   reserved word  refused as the whole code or as any run of its hyphen-separated
//                  parts: "ceo", "ceo-dana", "verdant-ceo", "dana-sign-in"; not
//                  "ceoffice" or "rootbeer" (a part must equal the word).
//   brand word     refused anywhere in the code, hyphens ignored: "verdant",
//                  "verdantshop", "my-verdant", "ver-dant". At least 4 characters;
//                  a shorter word of the company's name counts as a reserved word.
// Codes held before a word became reserved stay (grandfathered): the rule applies
// when a code is chosen or generated, never when one resolves.

/** Every top-level route of the site (app/, route groups unwrapped, and public/), and paths it may have one day. */
export const RESERVED_ROUTE_WORDS = [
  // app/ today (lib/referrals/reserved.test.ts checks the list against the folder)
  "admin",
  "agreement",
  "api",
  "autoship",
  "confirm-email",
  "dashboard",
  "forgot-password",
  "income-disclosure",
  "join",
  "receipt",
  "reset-password",
  "shop",
  "sign-in",
  "unsubscribe",
  "verify-email",
  // public/
  "favicon",
  "products",
  // Paths a portal has or may have. ("_next" cannot be a code: no underscore is allowed.)
  "account",
  "accounts",
  "auth",
  "checkout",
  "help",
  "log-in",
  "log-out",
  "login",
  "logout",
  "orders",
  "public",
  "register",
  "settings",
  "sign-out",
  "sign-up",
  "signin",
  "signout",
  "signup",
  "static",
  "support",
] as const;

/** Words that claim a role or an official voice. */
export const RESERVED_ROLE_WORDS = [
  "admin",
  "administrator",
  "ceo",
  "cfo",
  "company",
  "corporate",
  "founder",
  "moderator",
  "null",
  "official",
  "owner",
  "root",
  "staff",
  "support",
  "system",
  "team",
  "undefined",
] as const;

/** Words of a company's name that are not its brand: articles and legal forms. */
const nameStopWords = new Set(["and", "the", "for", "inc", "llc", "ltd", "plc", "corp", "gmbh", "company", "group"]);

export const BRAND_WORD_MIN_LENGTH = 4;

export type ReservedKind = "word" | "brand";

export interface ReservedRules {
  /** Matched as whole hyphen-separated parts. */
  words: readonly string[];
  /** Matched anywhere, hyphens ignored. */
  brands: readonly string[];
}

/** "Verdant Wellness (demo)" -> ["verdant", "wellness", "demo"]: the name's words of 3 or more letters and digits, accents dropped, without articles and legal forms. */
export function companyNameWords(name: string): string[] {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !nameStopWords.has(w));
  return [...new Set(words)];
}

/** The rules in force: the built-in words, the company's name, and what admins added. */
export function reservedRules(input: { companyName: string | null; added: readonly { word: string; kind: ReservedKind }[] }): ReservedRules {
  const words = new Set<string>([...RESERVED_ROUTE_WORDS, ...RESERVED_ROLE_WORDS]);
  const brands = new Set<string>();
  const brandOrWord = (w: string) => (w.length >= BRAND_WORD_MIN_LENGTH ? brands.add(w) : words.add(w));
  for (const w of companyNameWords(input.companyName ?? "")) brandOrWord(w);
  for (const { word, kind } of input.added) {
    if (kind === "brand") brandOrWord(word.replaceAll("-", ""));
    else words.add(word);
  }
  return { words: [...words], brands: [...brands] };
}

/**
 * The reserved word a code uses, or null when it is free of them. `code` is a
 * normalised code (lib/referral-code.ts: lowercase letters, digits, inner hyphens).
 */
export function findReservedWord(code: string, rules: ReservedRules): string | null {
  const parts = `-${code}-`;
  for (const word of rules.words) if (parts.includes(`-${word}-`)) return word;
  const letters = code.replaceAll("-", "");
  for (const brand of rules.brands) if (letters.includes(brand)) return brand;
  return null;
}

/**
 * A name's slug without the parts that would make a generated code reserved
 * ("verdant-smith" -> "smith", "ceo-ann" -> "ann"); "member" when nothing
 * usable is left.
 */
export function reservedFreeSlug(slug: string, rules: ReservedRules): string {
  const kept = slug
    .split("-")
    .filter((part) => part !== "" && findReservedWord(part, rules) === null)
    .join("-");
  if (kept !== "" && findReservedWord(kept, rules) === null) return kept;
  return findReservedWord("member", rules) === null ? "member" : "m";
}

/** Whether `word` is one of the built-in reserved words (so adding it as a reserved word would change nothing). */
export function builtInWord(word: string): boolean {
  return (RESERVED_ROUTE_WORDS as readonly string[]).includes(word) || (RESERVED_ROLE_WORDS as readonly string[]).includes(word);
}
