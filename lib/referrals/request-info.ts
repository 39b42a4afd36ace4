/** Request facts the referral pages need, read from plain headers so they are testable. */
interface HeaderSource {
  get(name: string): string | null;
}

const hostPattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

function first(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The origin the visitor used ("https://team.example.com"), from Host and
 * X-Forwarded-Proto, so links and QR codes work on any deployment without
 * configuration. A malformed host gives null (the caller shows a relative link).
 */
export function requestOrigin(headers: HeaderSource): string | null {
  const host = first(headers.get("x-forwarded-host")) ?? first(headers.get("host"));
  if (!host || host.length > 255 || !hostPattern.test(host)) return null;
  const proto = first(headers.get("x-forwarded-proto"))?.toLowerCase() === "https" ? "https" : "http";
  return `${proto}://${host.toLowerCase()}`;
}

/** True when the visitor reached us over https (directly or through a TLS-terminating proxy). */
export function isHttpsRequest(headers: HeaderSource, urlProtocol?: string): boolean {
  return urlProtocol === "https:" || first(headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
}

/**
 * The client's IP for rate limiting: the first X-Forwarded-For entry, else
 * X-Real-IP, else "unknown" (so clients without either share one bucket).
 * Behind a reverse proxy, it must overwrite these headers rather than append
 * to a client-supplied value (see docs/referrals.md).
 */
export function clientIp(headers: HeaderSource): string {
  const ip = first(headers.get("x-forwarded-for")) ?? first(headers.get("x-real-ip"));
  return ip ? ip.slice(0, 64).toLowerCase() : "unknown";
}
