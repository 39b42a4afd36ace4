import { env } from "@/lib/env";
import { clientAddress, peerHeader, type HeaderSource } from "./client-address";
import { isHttpsRequest, requestOrigin } from "./request-origin";

// A request's facts under this deployment's settings: the one way the app
// reads them (server actions and pages pass `await headers()`, proxy.ts its
// request's headers). TRUST_PROXY says which forwarding headers to believe;
// the peer header is believed only when server.mjs serves the app and so
// replaces whatever a client sent under that name (LINEAGE_PEER_HEADER).

function believed(headers: HeaderSource): HeaderSource {
  if (env.peerHeader) return headers;
  return { get: (name) => (name.toLowerCase() === peerHeader ? null : headers.get(name)) };
}

/** The client's address: the key of every limit by address, for this deployment (see clientAddress). */
export function requestClientAddress(headers: HeaderSource): string {
  return clientAddress(believed(headers), env.trustProxy);
}

/** Whether the visitor reached us over https, for this deployment (see isHttpsRequest). */
export function requestIsHttps(headers: HeaderSource): boolean {
  return isHttpsRequest(believed(headers), env.trustProxy);
}

/** The origin the visitor used, or null, for this deployment (see requestOrigin). */
export function requestSiteOrigin(headers: HeaderSource): string | null {
  return requestOrigin(believed(headers), env.trustProxy);
}
