import { fromTrustedProxy, type HeaderSource } from "./client-address";
import type { TrustProxy } from "./trust-proxy";

const hostPattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

function first(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * True when the visitor reached us over https. The server speaks plain HTTP,
 * so only a TLS-terminating proxy that TRUST_PROXY believes can say so, with
 * X-Forwarded-Proto; from anyone else the header is ignored.
 */
export function isHttpsRequest(headers: HeaderSource, trust: TrustProxy): boolean {
  return fromTrustedProxy(headers, trust) && first(headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
}

/**
 * The origin the visitor used ("https://team.example.com"), so links and QR
 * codes work on any deployment without configuration: Host, or a trusted
 * proxy's X-Forwarded-Host, and the scheme as isHttpsRequest says. A
 * malformed host gives null (the caller shows a relative link).
 */
export function requestOrigin(headers: HeaderSource, trust: TrustProxy): string | null {
  const forwardedHost = fromTrustedProxy(headers, trust) ? first(headers.get("x-forwarded-host")) : undefined;
  const host = forwardedHost ?? first(headers.get("host"));
  if (!host || host.length > 255 || !hostPattern.test(host)) return null;
  return `${isHttpsRequest(headers, trust) ? "https" : "http"}://${host.toLowerCase()}`;
}
