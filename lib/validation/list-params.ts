import { createParser, parseAsStringLiteral } from "nuqs/server";
import { pageNumber, searchText } from "./input";

// The building blocks of every list's URL state (page, page size, sort, filters),
// as nuqs parsers: each list declares one parser map, reads it on the server
// with nuqs' createLoader, and writes its links with createSerializer. A parser
// returns null for anything malformed, so nuqs falls back to the default: a
// hand-edited URL (page=-3, sort=drop table) shows the list's first page, never
// a 500. Sort keys are whitelisted literals; the data layer maps each to its SQL.

/** Largest page a URL may ask for (the data layer shows the last page past the end). */
export const MAX_PAGE = 100_000;

/** A 1-based page: plain digits only (no sign, exponent or spaces); 1 otherwise. */
export const parseAsPage = createParser({
  parse: (v) => {
    const page = pageNumber(v, MAX_PAGE);
    // pageNumber answers 1 for garbage; only a literal page number counts as given.
    return page === 1 && v !== "1" ? null : page;
  },
  serialize: String,
})
  .withDefault(1)
  .withOptions({ clearOnDefault: true });

/** A search box: trimmed, control characters dropped, cut to `max` characters; absent when empty. */
export const parseAsSearch = (max = 80) =>
  createParser({
    parse: (v) => searchText(v, max) ?? null,
    serialize: (s: string) => s,
  });

/** A whole number of 1 to 9 plain digits within [min, max]. */
export const parseAsBoundedInt = (min: number, max: number) =>
  createParser({
    parse: (v) => {
      if (!/^[0-9]{1,9}$/.test(v)) return null;
      const n = Number(v);
      return n >= min && n <= max ? n : null;
    },
    serialize: String,
  });

/** One of a fixed set of page sizes. */
export const parseAsPageSize = (sizes: readonly number[], fallback: number) =>
  createParser({
    parse: (v) => (/^[0-9]{1,4}$/.test(v) && sizes.includes(Number(v)) ? Number(v) : null),
    serialize: String,
  })
    .withDefault(fallback)
    .withOptions({ clearOnDefault: true });

export type SortDir = "asc" | "desc";
export const parseAsDir = parseAsStringLiteral(["asc", "desc"] as const);
