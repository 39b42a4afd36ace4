import { z } from "zod";

// Time zones are IANA names ("America/New_York"). The runtime's own time zone
// data decides which exist, so a name the server cannot format with is refused.

/** A letter first, then up to two more "/"-separated parts: no offsets ("+05:00"). */
const NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

export const DEFAULT_TIME_ZONE = "UTC";

/**
 * The zone as the runtime names it ("america/new_york" -> "America/New_York"),
 * or null when the runtime knows no such zone. Stored in this form only, so
 * one zone has one spelling (and one cached formatter: lib/intl.ts).
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > 64 || !NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True when `name` is a time zone this runtime knows, spelled as the runtime spells it. */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) === name;
}

/** The zones offered in the pickers: UTC first, then every zone the runtime lists. */
export function timeZoneNames(): string[] {
  return [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

/** "America/New_York" -> "New York", for sentences such as "New York time". */
export function timeZoneCity(zone: string): string {
  if (zone === DEFAULT_TIME_ZONE) return zone;
  return (zone.split("/").at(-1) ?? zone).replaceAll("_", " ");
}

/** A form field holding a time zone. */
export function timeZoneField() {
  return z
    .string({ error: "Choose a time zone." })
    .trim()
    .min(1, { error: "Choose a time zone." })
    .transform((name, ctx) => {
      const zone = canonicalTimeZone(name);
      if (zone === null) ctx.addIssue({ code: "custom", message: "Choose a time zone from the list, such as Europe/Paris or America/New_York." });
      return zone ?? z.NEVER;
    });
}

/** A browser-reported zone from a hidden field: kept when valid, else the fallback (the company's zone). */
export function browserTimeZoneOr(raw: unknown, fallback: string): string {
  return (typeof raw === "string" && canonicalTimeZone(raw)) || fallback;
}
