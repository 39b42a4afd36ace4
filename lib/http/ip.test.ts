import { describe, expect, it } from "vitest";
import { inRange, parseIp, parseIpRange } from "./ip";

describe("parseIp", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:4711", "203.0.113.9"],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["::1", "::1"],
    ["::", "::"],
    ["fe80::1%eth0", "fe80::1"],
    // An IPv4 client on a dual-stack socket, in either spelling, is that IPv4 address.
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["::FFFF:c633:6407", "198.51.100.7"],
    ["0:0:0:0:0:ffff:c633:6407", "198.51.100.7"],
  ])("reads %j as %s", (raw, text) => {
    expect(parseIp(raw)?.text).toBe(text);
  });

  it.each([
    "",
    " ",
    "unknown",
    "localhost",
    "example.com",
    "256.1.1.1",
    "1.2.3",
    "1.2.3.4.5",
    "01.2.3.4",
    "1.2.3.-4",
    "1.2.3.4/24",
    "1:2:3:4:5:6:7:8:9",
    ":::1",
    "2001:db8::g",
    "[1.2.3.4",
    "_hidden",
    "1.2.3.4\0",
    "\u0000",
    "1.2.3.4\r\nX-Injected: 1",
    "‮1.2.3.4",
    "1".repeat(5000),
    "::ffff:1.2.3.4".repeat(400),
    "<script>alert(1)</script>",
  ])("refuses %j", (raw) => {
    expect(parseIp(raw)).toBeNull();
  });

  it("gives one spelling per address", () => {
    const spellings = ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:DB8::1", "[2001:db8:0::1]:80", "2001:db8:0:0::1"];
    expect(new Set(spellings.map((s) => parseIp(s)?.text))).toEqual(new Set(["2001:db8::1"]));
  });
});

describe("parseIpRange and inRange", () => {
  const ip = (text: string) => parseIp(text)!;
  const range = (text: string) => parseIpRange(text)!;

  it("matches CIDR blocks and single addresses, IPv4 and IPv6", () => {
    expect(inRange(ip("10.1.2.3"), range("10.0.0.0/8"))).toBe(true);
    expect(inRange(ip("11.0.0.1"), range("10.0.0.0/8"))).toBe(false);
    expect(inRange(ip("172.31.255.255"), range("172.16.0.0/12"))).toBe(true);
    expect(inRange(ip("172.32.0.0"), range("172.16.0.0/12"))).toBe(false);
    expect(inRange(ip("192.0.2.7"), range("192.0.2.7"))).toBe(true);
    expect(inRange(ip("192.0.2.8"), range("192.0.2.7"))).toBe(false);
    expect(inRange(ip("8.8.8.8"), range("0.0.0.0/0"))).toBe(true);
    expect(inRange(ip("fd12:3456::1"), range("fd00::/8"))).toBe(true);
    expect(inRange(ip("fe80::1"), range("fd00::/8"))).toBe(false);
    expect(inRange(ip("2001:db8::1"), range("2001:DB8::1/128"))).toBe(true);
    // A mapped IPv4 peer is IPv4: IPv4 ranges match it, IPv6 ranges never match IPv4.
    expect(inRange(ip("::ffff:10.0.0.1"), range("10.0.0.0/8"))).toBe(true);
    expect(inRange(ip("10.0.0.1"), range("::/0"))).toBe(false);
  });

  it.each([
    "",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/",
    "10.0.0.0/-1",
    "10.0.0.0/8/8",
    "10.0.0.0/a",
    "[::1]",
    "[::1]/128",
    "::ffff:10.0.0.0/104",
    "fe80::1%eth0",
    "proxy.internal",
  ])("refuses the range %j", (text) => {
    expect(parseIpRange(text)).toBeNull();
  });
});
