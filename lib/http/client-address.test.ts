import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress, fromTrustedProxy, peerHeader, unknownAddress, type HeaderSource } from "./client-address";
import { parseTrustProxy } from "./trust-proxy";

/** Headers as a plain map, so values a Headers object would refuse (NUL, CR LF) can be tried too. */
function source(values: Record<string, string>): HeaderSource {
  return { get: (name) => values[name.toLowerCase()] ?? null };
}
const from = (peer: string, xff?: string) => source({ [peerHeader]: peer, ...(xff === undefined ? {} : { "x-forwarded-for": xff }) });
const none = parseTrustProxy(undefined);
const hops = (n: number) => parseTrustProxy(String(n));
const list = (value: string) => parseTrustProxy(value);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("clientAddress without a proxy (TRUST_PROXY unset)", () => {
  it("is the TCP peer, whatever X-Forwarded-For and X-Real-IP say", () => {
    expect(clientAddress(from("203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientAddress(source({ [peerHeader]: "203.0.113.9", "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" }), none)).toBe("203.0.113.9");
  });

  it("gives a client that sends a new X-Forwarded-For each time one address (the finding: 15 of 15 signups passed)", () => {
    const seen = new Set(Array.from({ length: 15 }, (_, i) => clientAddress(from("203.0.113.9", `198.18.0.${i + 1}`), none)));
    expect(seen).toEqual(new Set(["203.0.113.9"]));
  });

  it("writes the peer canonically: a dual-stack IPv4 peer as IPv4, IPv6 compressed and lowercase", () => {
    expect(clientAddress(from("::ffff:127.0.0.1"), none)).toBe("127.0.0.1");
    expect(clientAddress(from("2001:DB8:0:0:0:0:0:1"), none)).toBe("2001:db8::1");
    expect(clientAddress(from("fe80::1%eth0"), none)).toBe("fe80::1");
  });
});

describe("clientAddress behind N proxies (TRUST_PROXY=N)", () => {
  it("is the address the farthest of the N proxies received the request from", () => {
    expect(clientAddress(from("10.0.0.2", "203.0.113.1, 198.51.100.7"), hops(1))).toBe("198.51.100.7");
    expect(clientAddress(from("10.0.0.2", "203.0.113.1, 198.51.100.7"), hops(2))).toBe("203.0.113.1");
    // What a client prepends is left of what the proxies wrote: never reached.
    expect(clientAddress(from("10.0.0.2", "1.1.1.1, 2.2.2.2, 198.51.100.7"), hops(1))).toBe("198.51.100.7");
  });

  it("stops where the header runs out: the last address reached", () => {
    expect(clientAddress(from("10.0.0.2"), hops(1))).toBe("10.0.0.2");
    expect(clientAddress(from("10.0.0.2", ""), hops(1))).toBe("10.0.0.2");
    expect(clientAddress(from("10.0.0.2", "198.51.100.7"), hops(3))).toBe("198.51.100.7");
  });

  it("stops at a malformed entry: the last good address, never the junk", () => {
    expect(clientAddress(from("10.0.0.2", "junk"), hops(1))).toBe("10.0.0.2");
    expect(clientAddress(from("10.0.0.2", "unknown, 198.51.100.7"), hops(2))).toBe("198.51.100.7");
    expect(clientAddress(from("10.0.0.2", "198.51.100.7, , 10.0.0.1"), hops(3))).toBe("10.0.0.1");
  });

  it("reads entries with ports, brackets and IPv6, and several header lines", () => {
    expect(clientAddress(from("10.0.0.2", "198.51.100.7:51234"), hops(1))).toBe("198.51.100.7");
    expect(clientAddress(from("10.0.0.2", "[2001:DB8::7]:443"), hops(1))).toBe("2001:db8::7");
    expect(clientAddress(from("fd00::2", "2001:db8:0:0::7, fd00::1"), hops(2))).toBe("2001:db8::7");
    const lines = new Headers([[peerHeader, "10.0.0.2"]]);
    lines.append("x-forwarded-for", "203.0.113.1");
    lines.append("x-forwarded-for", "198.51.100.7");
    expect(clientAddress(lines, hops(1))).toBe("198.51.100.7");
    expect(clientAddress(lines, hops(2))).toBe("203.0.113.1");
  });
});

describe("clientAddress behind listed proxies (TRUST_PROXY=addresses)", () => {
  const trust = list("loopback, 10.0.0.0/8, fd00::/8");

  it("walks from the peer past every listed proxy; the first other address is the client", () => {
    expect(clientAddress(from("127.0.0.1", "203.0.113.9, 10.1.1.1"), trust)).toBe("203.0.113.9");
    expect(clientAddress(from("fd00::1", "2001:db8::9"), trust)).toBe("2001:db8::9");
    // A spoofed entry left of the real client is never reached.
    expect(clientAddress(from("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.1.1"), trust)).toBe("203.0.113.9");
  });

  it("believes nothing a peer that is not a listed proxy says", () => {
    expect(clientAddress(from("203.0.113.50", "10.0.0.1"), trust)).toBe("203.0.113.50");
    expect(clientAddress(from("203.0.113.50", "198.18.0.1"), trust)).toBe("203.0.113.50");
  });

  it("gives the farthest address when every hop is a listed proxy, and stops at junk", () => {
    expect(clientAddress(from("127.0.0.1", "10.0.0.5"), trust)).toBe("10.0.0.5");
    expect(clientAddress(from("127.0.0.1", "203.0.113.9, not-an-ip, 10.1.1.1"), trust)).toBe("10.1.1.1");
  });
});

describe("clientAddress with hostile values", () => {
  const hostile = [
    "\0",
    "1.2.3.4\0",
    "198.51.100.7\r\nx-lineage-peer: 1.1.1.1",
    "x".repeat(5000),
    "1.2.3.4,".repeat(2000),
    ",".repeat(5000),
    "::ffff:".repeat(800),
    "<script>alert(1)</script>",
    "‮203.0.113.9",
    "2001:db8::1".repeat(500),
    "%00",
    "[::1",
    "999.999.999.999",
  ];

  it.each(hostile)("never gives anything but a canonical address or unknown for X-Forwarded-For %#", (xff) => {
    for (const trust of [none, hops(1), hops(20), list("0.0.0.0/0, ::/0")]) {
      const address = clientAddress(from("10.0.0.2", xff), trust);
      expect(address.length).toBeLessThanOrEqual(39);
      expect(address).toMatch(/^[0-9a-f.:]+$/);
    }
  });

  it.each(hostile)("gives unknown for a malformed peer header %#", (peer) => {
    expect(clientAddress(from(peer, "198.51.100.7"), hops(1))).toBe(unknownAddress);
  });

  it("reads at most the 32 rightmost entries, however long the header", () => {
    const everyone = list("0.0.0.0/0");
    const chain = Array.from({ length: 5000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(clientAddress(from("10.0.0.2", chain.join(", ")), everyone)).toBe(chain[5000 - 32]);
  });
});

describe("clientAddress without the peer header", () => {
  it("gives unknown, and says once that the app is not behind server.mjs", async () => {
    vi.resetModules();
    const fresh = await import("./client-address");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(fresh.clientAddress(source({ "x-forwarded-for": "198.51.100.7" }), hops(1))).toBe("unknown");
    expect(fresh.clientAddress(source({}), none)).toBe("unknown");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/npm start/);
  });
});

describe("fromTrustedProxy", () => {
  it("is true only when the peer is a proxy TRUST_PROXY believes", () => {
    expect(fromTrustedProxy(from("127.0.0.1"), none)).toBe(false);
    expect(fromTrustedProxy(from("127.0.0.1"), hops(1))).toBe(true);
    expect(fromTrustedProxy(from("127.0.0.1"), list("loopback"))).toBe(true);
    expect(fromTrustedProxy(from("203.0.113.9"), list("loopback"))).toBe(false);
    expect(fromTrustedProxy(source({}), hops(1))).toBe(false);
    expect(fromTrustedProxy(from("junk"), hops(1))).toBe(false);
  });
});
