/** A same-site path to return to after sign-in, or the fallback: never another origin. */
export function safeCallbackPath(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length > 512) return fallback;
  let candidate = raw;
  // The proxy passes an absolute URL of this site; keep only its path.
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = url.pathname + url.search;
    } catch {
      return fallback;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (candidate.startsWith("/sign-in") || candidate.startsWith("/api/")) return fallback;
  return candidate;
}
