// Cached Intl formatters. Building an Intl.NumberFormat or DateTimeFormat costs
// tens of microseconds (locale data is resolved each time), and a team or orders
// page formats thousands of values: profiled, constructing them was about a
// sixth of the server's CPU time per page. A formatter is immutable and safe to
// share, so each (locale, options) pair is built once per process.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
// The keys come from code and from people's stored time zones (one spelling per
// zone: lib/time-zone.ts); the cap only guards memory should that ever change.
const MAX_KEPT = 2_000;

function kept<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= MAX_KEPT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return kept(dateTimeFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export interface CurrencyFormat {
  format: Intl.NumberFormat;
  /** 10 to the power of the currency's minor digits (USD 100, JPY 1): minor units divided by it are the amount. */
  minorPerMajor: number;
}

const currencyFormats = new Map<string, CurrencyFormat>();

/**
 * A currency's formatter and its minor unit, both kept: `resolvedOptions()`
 * builds a fresh object on each call, and a list formats every amount it shows
 * (profiled: a sixth of an orders page's own code time went there).
 */
export function currencyFormat(locale: string, currency: string): CurrencyFormat {
  return kept(currencyFormats, `${locale}|${currency}`, () => {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    return { format, minorPerMajor: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
  });
}
