// Autoship dates. A subscription runs on a day of the month from 1 to 28 (so
// every month has it); a cycle is named by its run date, "YYYY-MM-DD", in UTC,
// the calendar of the commission periods.

import { dateTimeFormat } from "@/lib/intl";

/** The UTC calendar date of an instant: "2026-12-03". */
export function dateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function dateIn(year: number, month0: number, day: number): string {
  return new Date(Date.UTC(year, month0, day)).toISOString().slice(0, 10);
}

/** The first date on day `day` of a month that is strictly after `after` ("YYYY-MM-DD"). */
export function nextRunDate(day: number, after: string): string {
  const [y, m, d] = after.split("-").map(Number) as [number, number, number];
  return d < day ? dateIn(y, m - 1, day) : dateIn(y, m, day);
}

/**
 * The date of the run after a cycle: the next day-of-month date after both the
 * cycle and today. A run that catches up after downtime is the one run of the
 * months it missed; the next one is in the future.
 */
export function runAfter(day: number, cycle: string, today: string): string {
  return nextRunDate(day, cycle > today ? cycle : today);
}

/** Whole days from one date to another ("2026-12-03" to "2026-12-15": 12). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A date plus whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "the 15th" */
export function ordinalDay(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return `the ${day}${suffix}`;
}

/** "December 15, 2026" */
export function formatRunDate(date: string): string {
  return dateTimeFormat("en-US", { timeZone: "UTC", month: "long", day: "numeric", year: "numeric" }).format(new Date(`${date}T00:00:00Z`));
}
