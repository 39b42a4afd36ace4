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

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    if (numberFormats.size >= MAX_KEPT) numberFormats.clear();
    numberFormats.set(key, format);
  }
  return format;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (dateTimeFormats.size >= MAX_KEPT) dateTimeFormats.clear();
    dateTimeFormats.set(key, format);
  }
  return format;
}
