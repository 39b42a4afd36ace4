/** The first character a person would read in a name ("Zoë" -> "Z", "émile" -> "É"), for an initials avatar. */
export function nameInitial(name: string): string {
  const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
  for (const { segment } of segmenter.segment(name.trim())) return segment.toLocaleUpperCase("en");
  return "?";
}

/** The path of a referral page; codes are URL-safe by construction, encoded anyway. */
export function joinPath(code: string): string {
  return `/join/${encodeURIComponent(code)}`;
}
