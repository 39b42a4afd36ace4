/** One CSV field: quoted when needed, and defused against spreadsheet formula injection. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A plain decimal ("-4.00", an amount) is no formula: it stays a number to a spreadsheet.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/** Minor units as a plain decimal ("-12.30"), exact: no float arithmetic. */
export function centsToDecimal(cents: number, digits = 2): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, "0")}`;
}
