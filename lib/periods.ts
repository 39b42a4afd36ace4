/** A commission period is a calendar month in UTC: [startsOn, endsOn), ISO dates. */
export interface MonthRange {
  startsOn: string;
  endsOn: string;
}

function isoDate(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
}

export function monthOf(at: Date): MonthRange {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  return { startsOn: isoDate(y, m), endsOn: isoDate(y, m + 1) };
}

export function previousMonth(range: MonthRange): MonthRange {
  const start = new Date(`${range.startsOn}T00:00:00Z`);
  return monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1)));
}
