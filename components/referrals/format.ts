// Dates of joining are days, shown the same to everyone whatever their time zone.
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function formatJoinDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}
