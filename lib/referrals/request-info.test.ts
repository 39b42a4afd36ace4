import { describe, expect, it } from "vitest";
import { clientIp, isHttpsRequest, requestOrigin } from "./request-info";

const h = (values: Record<string, string>) => new Headers(values);

describe("requestOrigin", () => {
  it.each([
    [{ host: "team.example.com" }, "http://team.example.com"],
    [{ host: "team.example.com", "x-forwarded-proto": "https" }, "https://team.example.com"],
    [{ host: "10.0.0.5:3000", "x-forwarded-host": "Join.Example.com", "x-forwarded-proto": "https, http" }, "https://join.example.com"],
    [{ host: "127.0.0.1:3300" }, "http://127.0.0.1:3300"],
    [{ host: "[::1]:3000" }, "http://[::1]:3000"],
  ])("builds the origin from %j", (headers, origin) => {
    expect(requestOrigin(h(headers))).toBe(origin);
  });

  it.each<Record<string, string>>([{}, { host: "evil.com/path" }, { host: "a b" }, { host: "x".repeat(300) }, { host: "<script>" }])(
    "gives null for the host in %j",
    (headers) => {
      expect(requestOrigin(h(headers))).toBeNull();
    },
  );
});

describe("clientIp", () => {
  it("takes the first X-Forwarded-For entry, else X-Real-IP, else unknown", () => {
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe("203.0.113.9");
    expect(clientIp(h({ "x-real-ip": "2001:DB8::1" }))).toBe("2001:db8::1");
    expect(clientIp(h({}))).toBe("unknown");
    expect(clientIp(h({ "x-forwarded-for": "x".repeat(500) }))).toHaveLength(64);
  });
});

describe("isHttpsRequest", () => {
  it("follows the URL or a TLS-terminating proxy's header", () => {
    expect(isHttpsRequest(h({}), "https:")).toBe(true);
    expect(isHttpsRequest(h({ "x-forwarded-proto": "https" }), "http:")).toBe(true);
    expect(isHttpsRequest(h({}), "http:")).toBe(false);
  });
});
