// Exact parsing of what admins type into money and rate fields. Strings are
// split on the decimal point and assembled as integers: never parseFloat, so
// "0.29" is 29 cents and never 28.999….

/** "12.34" -> 1234 (digits = the currency's minor digits); null when it is not a plain non-negative amount. */
export function decimalToMinor(text: string, digits = 2): number | null {
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const value = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(value) ? value : null;
}

/** 1234 -> "12.34": what a form shows for a stored amount. */
export function minorToDecimal(minor: number, digits = 2): string {
  if (digits === 0) return String(minor);
  const unit = 10 ** digits;
  return `${Math.floor(minor / unit)}.${String(minor % unit).padStart(digits, "0")}`;
}

/** A percentage with up to 2 decimals, 0 to 100, as basis points: "12.5" -> 1250; null otherwise. */
export function percentToBps(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bps <= 10_000 ? bps : null;
}

/** 1250 -> "12.5": basis points as the percentage a form shows. */
export function bpsToPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = bps % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/** A whole number typed in a form ("120"), at most `max`; null otherwise. */
export function parseWhole(text: string, max: number): number | null {
  const t = text.trim();
  if (!/^\d{1,12}$/.test(t)) return null;
  const n = Number(t);
  return n <= max ? n : null;
}

/** The minor digits of a currency as Intl knows them (USD 2, JPY 0). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
