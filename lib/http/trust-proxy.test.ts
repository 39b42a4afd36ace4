import { describe, expect, it } from "vitest";
import { parseIp } from "./ip";
import { isListedProxy, parseTrustProxy, TrustProxyError } from "./trust-proxy";

describe("parseTrustProxy", () => {
  it.each([undefined, "", "  ", "0", "00"])("reads %j as no proxy", (value) => {
    expect(parseTrustProxy(value)).toEqual({ kind: "none" });
  });

  it.each([
    ["1", 1],
    [" 2 ", 2],
    ["20", 20],
  ])("reads %j as %i hops", (value, hops) => {
    expect(parseTrustProxy(value)).toEqual({ kind: "hops", hops });
  });

  it("reads a list of addresses, CIDR blocks and names", () => {
    const trust = parseTrustProxy(" 10.0.0.7 , 192.168.0.0/16,fd00::/8, loopback ");
    expect(trust.kind).toBe("list");
    const listed = (text: string) => isListedProxy(parseIp(text)!, trust);
    expect(["10.0.0.7", "192.168.44.1", "fd00::1", "127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"].map(listed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["10.0.0.8", "192.169.0.1", "fe80::1", "203.0.113.9", "2001:db8::1"].map(listed)).toEqual([false, false, false, false, false]);
  });

  it("knows 'private' as the RFC 1918 ranges and IPv6 unique local addresses", () => {
    const trust = parseTrustProxy("PRIVATE");
    const listed = (text: string) => isListedProxy(parseIp(text)!, trust);
    expect(["10.1.1.1", "172.20.0.1", "192.168.1.1", "fd00::5"].map(listed)).toEqual([true, true, true, true]);
    expect(["127.0.0.1", "100.64.0.1", "8.8.8.8", "2001:db8::1"].map(listed)).toEqual([false, false, false, false]);
  });

  it("trusts no address by position under a hop count (it trusts hops, not addresses)", () => {
    expect(isListedProxy(parseIp("127.0.0.1")!, parseTrustProxy("1"))).toBe(false);
  });

  it.each([
    ["true", /from anyone/],
    ["*", /from anyone/],
    ["all", /from anyone/],
    ["21", /1 to 20/],
    ["999999999999999999999", /1 to 20/],
    ["-1", /not an IP address/],
    ["1.5", /not an IP address/],
    ["10.0.0.0/33", /not an IP address/],
    ["10.0.0.1,", /not an IP address/],
    ["10.0.0.1,,10.0.0.2", /not an IP address/],
    ["proxy.internal", /not an IP address/],
    ["10.0.0.1 10.0.0.2", /not an IP address/],
    ["10.0.0.1\0", /not an IP address/],
    ["x".repeat(5000), /not an IP address/],
  ])("refuses %j with the reason", (value, reason) => {
    expect(() => parseTrustProxy(value)).toThrow(TrustProxyError);
    expect(() => parseTrustProxy(value)).toThrow(reason);
  });

  it("keeps a refused entry short in the message", () => {
    expect(() => parseTrustProxy("x".repeat(5000))).toThrow(/^"x{60}" is not/);
  });
});
