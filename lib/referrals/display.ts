import { dateTimeFormat } from "@/lib/intl";

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The first character a person would read in a name ("Zoë" -> "Z", "émile" -> "É"), for an initials avatar. */
export function nameInitial(name: string): string {
  for (const { segment } of segmenter.segment(name.trim())) return segment.toLocaleUpperCase("en");
  return "?";
}

/** The path of a referral page; codes are URL-safe by construction, encoded anyway. */
export function joinPath(code: string): string {
  return `/join/${encodeURIComponent(code)}`;
}

/** "Dec 14, 2026, from 10:00 UTC": when a distributor may change their code again, in their zone ("05:00 EST"). */
export function codeChangeTime(at: Date | string, timeZone: string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  const day = dateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(date);
  const parts = dateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short", timeZone }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${day}, from ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

/** The answer to a code change refused by the rolling limit. */
export function codeChangeLimitMessage(limit: number, windowDays: number, nextChangeAt: Date | string, timeZone: string): string {
  return `You have changed your code ${limit} times in the last ${windowDays} days, the most allowed. You can change your code again on ${codeChangeTime(nextChangeAt, timeZone)}.`;
}
