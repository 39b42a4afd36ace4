import { parseIp, type Ip } from "./ip";
import { isListedProxy, type TrustProxy } from "./trust-proxy";

/** Request headers: a Headers object, or anything that reads one the same way. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The private request header that carries the TCP peer's address. server.mjs
 * sets it on every request, replacing whatever a client sent under that name;
 * Next's own server (`next start`) does not know it.
 */
export const peerHeader = "x-lineage-peer";

/** The address given when the peer is not known: every such request shares it, and so shares one limit. */
export const unknownAddress = "unknown";

/** X-Forwarded-For entries read at most, from the right: more than any real chain of proxies. */
const maxForwarded = 32;

let warnedNoPeer = false;

function peer(headers: HeaderSource): Ip | null {
  const value = headers.get(peerHeader);
  if (value === null && !warnedNoPeer) {
    warnedNoPeer = true;
    console.warn(
      `[lineage] Requests arrive without the peer address (${peerHeader}): the app is not served by server.mjs (was it started with \`next start\`?). ` +
        "Every client now shares one address for the sign-in and signup limits. Start it with `npm start` or `node server.mjs`.",
    );
  }
  return value === null ? null : parseIp(value);
}

/**
 * The client's address, for every limit keyed by address (signups, sign-in
 * failures) and anything else that needs to tell clients apart. It starts from
 * the TCP peer and reads X-Forwarded-For only as far as TRUST_PROXY allows:
 *
 * - no proxy: the peer, whatever the headers say;
 * - N hops: of [...X-Forwarded-For, peer], the address the farthest of the N
 *   proxies received the request from (N = 1, "a, b" from peer p: b);
 * - a list: from the right, past every address that is a listed proxy; the
 *   first that is not is the client.
 *
 * The walk stops at a malformed entry, or where the header runs out, and
 * gives the last address it reached, so a client can never choose its own by
 * sending junk. The result is canonical (one spelling per address, IPv4-mapped
 * IPv6 as IPv4, 39 characters at most), or "unknown" when the peer is not
 * known, which is logged once.
 */
export function clientAddress(headers: HeaderSource, trust: TrustProxy): string {
  let current = peer(headers);
  if (!current) return unknownAddress;
  if (trust.kind === "none") return current.text;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").slice(-maxForwarded).reverse();
  for (let hop = 0; hop < forwarded.length; hop++) {
    const trusted = trust.kind === "hops" ? hop < trust.hops : isListedProxy(current, trust);
    if (!trusted) break;
    const next = parseIp(forwarded[hop]!);
    if (!next) break;
    current = next;
  }
  return current.text;
}

/**
 * Whether the request came straight from a proxy TRUST_PROXY believes, so its
 * X-Forwarded-Proto and X-Forwarded-Host may be read. Never without TRUST_PROXY.
 */
export function fromTrustedProxy(headers: HeaderSource, trust: TrustProxy): boolean {
  if (trust.kind === "none") return false;
  const value = headers.get(peerHeader);
  const ip = value === null ? null : parseIp(value);
  return ip !== null && (trust.kind === "hops" || isListedProxy(ip, trust));
}
