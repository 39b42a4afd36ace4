import { describe, expect, it } from "vitest";
import { peerHeader } from "./client-address";
import { isHttpsRequest, requestOrigin } from "./request-origin";
import { parseTrustProxy } from "./trust-proxy";

const none = parseTrustProxy(undefined);
const oneHop = parseTrustProxy("1");
const loopback = parseTrustProxy("loopback");
const h = (values: Record<string, string>, peer = "127.0.0.1") => new Headers({ [peerHeader]: peer, ...values });

describe("requestOrigin", () => {
  it.each([
    [{ host: "team.example.com" }, "http://team.example.com"],
    [{ host: "10.0.0.5:3000", "x-forwarded-host": "Join.Example.com", "x-forwarded-proto": "https, http" }, "https://join.example.com"],
    [{ host: "127.0.0.1:3300" }, "http://127.0.0.1:3300"],
    [{ host: "[::1]:3000" }, "http://[::1]:3000"],
  ])("builds the origin from a trusted proxy's %j", (headers, origin) => {
    expect(requestOrigin(h(headers), oneHop)).toBe(origin);
    expect(requestOrigin(h(headers), loopback)).toBe(origin);
  });

  it("ignores X-Forwarded-Host and -Proto without TRUST_PROXY, or from a peer that is not a listed proxy", () => {
    const sent = { host: "team.example.com", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect(requestOrigin(h(sent), none)).toBe("http://team.example.com");
    expect(requestOrigin(h(sent, "203.0.113.9"), loopback)).toBe("http://team.example.com");
    expect(requestOrigin(new Headers(sent), oneHop)).toBe("http://team.example.com");
  });

  it.each<Record<string, string>>([{}, { host: "evil.com/path" }, { host: "a b" }, { host: "x".repeat(300) }, { host: "<script>" }])(
    "gives null for the host in %j",
    (headers) => {
      expect(requestOrigin(h(headers), oneHop)).toBeNull();
    },
  );

  it("gives null for a trusted proxy's malformed X-Forwarded-Host (no fallback to Host)", () => {
    expect(requestOrigin(h({ host: "team.example.com", "x-forwarded-host": "evil.com/path" }), oneHop)).toBeNull();
  });
});

describe("isHttpsRequest", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy: the server itself speaks plain HTTP", () => {
    expect(isHttpsRequest(h({ "x-forwarded-proto": "https" }), oneHop)).toBe(true);
    expect(isHttpsRequest(h({ "x-forwarded-proto": "HTTPS" }), loopback)).toBe(true);
    expect(isHttpsRequest(h({ "x-forwarded-proto": "http" }), oneHop)).toBe(false);
    expect(isHttpsRequest(h({}), oneHop)).toBe(false);
    expect(isHttpsRequest(h({ "x-forwarded-proto": "https" }), none)).toBe(false);
    expect(isHttpsRequest(h({ "x-forwarded-proto": "https" }, "203.0.113.9"), loopback)).toBe(false);
  });
});
