// A stand-in origin to resolve against: only what stays on it is a path of this site.
const SITE = "http://site.invalid";

/**
 * A same-site path to return to after sign-in, or the fallback: never another
 * origin. Control characters and backslashes never pass (browsers strip tabs
 * and newlines and read "\" as "/", so "/\t/evil" and "/\evil" lead elsewhere,
 * and a newline in a Location header fails the response). The value is
 * resolved as a URL; an absolute one (the proxy passes this site's own) keeps
 * only its path, which must not start with "//" once resolved ("/.//evil").
 */
export function safeCallbackPath(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length > 512) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  const absolute = /^https?:\/\//i.test(raw);
  if (!absolute && !raw.startsWith("/")) return fallback;
  let url: URL;
  try {
    const parsed = new URL(raw, SITE);
    url = absolute ? new URL(parsed.pathname + parsed.search, SITE) : parsed;
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  const path = url.pathname + url.search;
  if (path.startsWith("//") || path.startsWith("/sign-in") || path.startsWith("/api/")) return fallback;
  return path;
}
