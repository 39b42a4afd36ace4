import { inRange, parseIpRange, type Ip, type IpRange } from "./ip";

/**
 * Which reverse proxies in front of the server are believed (TRUST_PROXY):
 * none (the client is the TCP peer), a number of hops (that many proxies
 * always stand in front), or the proxies' addresses and ranges.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; ranges: IpRange[] };

export const maxHops = 20;

/** Names for the usual ranges, so a deployment need not spell them. */
const namedRanges: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  // RFC 1918 and IPv6 unique local addresses: a proxy on the same private network.
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

export class TrustProxyError extends Error {
  override name = "TrustProxyError";
}

/**
 * Reads TRUST_PROXY: unset, empty or 0 (no proxy); a number of hops, 1 to 20;
 * or a comma-separated list of addresses, CIDR blocks, `loopback` and
 * `private`. Anything else is refused with the reason, so a typo stops the
 * server at start instead of trusting the wrong party.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops === 0) return { kind: "none" };
    if (hops > maxHops) throw new TrustProxyError(`${text} hops is more proxies than any deployment has; give 1 to ${maxHops}, or the proxies' addresses.`);
    return { kind: "hops", hops };
  }
  if (/^(true|yes|on|all|\*)$/i.test(text)) {
    throw new TrustProxyError(
      `"${text}" would believe X-Forwarded-For from anyone, so every client could choose its own address; give the number of proxies in front of the server (e.g. 1), or their addresses.`,
    );
  }
  const ranges: IpRange[] = [];
  for (const entry of text.split(",").map((part) => part.trim())) {
    const named = namedRanges[entry.toLowerCase()];
    if (named) {
      ranges.push(...named.map((block) => parseIpRange(block)!));
      continue;
    }
    const range = parseIpRange(entry);
    if (!range) {
      throw new TrustProxyError(
        `"${entry.slice(0, 60)}" is not an IP address, a CIDR block (10.0.0.0/8, fd00::/8), "loopback" or "private"; TRUST_PROXY is a number of proxies or a comma-separated list of their addresses.`,
      );
    }
    ranges.push(range);
  }
  return { kind: "list", ranges };
}

/** Whether an address listed in TRUST_PROXY (a list; hop counts trust by position, not address). */
export function isListedProxy(ip: Ip, trust: TrustProxy): boolean {
  return trust.kind === "list" && trust.ranges.some((range) => inRange(ip, range));
}
