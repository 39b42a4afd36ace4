import { afterEach, describe, expect, it, vi } from "vitest";

async function withEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  return import("./request");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const request = new Headers({ "x-lineage-peer": "127.0.0.1", "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https", host: "team.example.com" });

describe("the request's facts under this deployment's settings", () => {
  it("served by server.mjs with no proxy: the peer, plain http, the Host", async () => {
    const r = await withEnv({ LINEAGE_PEER_HEADER: "1", TRUST_PROXY: undefined });
    expect(r.requestClientAddress(request)).toBe("127.0.0.1");
    expect(r.requestIsHttps(request)).toBe(false);
    expect(r.requestSiteOrigin(request)).toBe("http://team.example.com");
  });

  it("served by server.mjs behind one proxy: the proxy's X-Forwarded-For and -Proto", async () => {
    const r = await withEnv({ LINEAGE_PEER_HEADER: "1", TRUST_PROXY: "1" });
    expect(r.requestClientAddress(request)).toBe("198.51.100.7");
    expect(r.requestIsHttps(request)).toBe(true);
    expect(r.requestSiteOrigin(request)).toBe("https://team.example.com");
  });

  it("not served by server.mjs (next start): a client-sent peer header is not believed; unknown, said once", async () => {
    const r = await withEnv({ LINEAGE_PEER_HEADER: undefined, TRUST_PROXY: "1" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(r.requestClientAddress(request)).toBe("unknown");
    expect(r.requestClientAddress(new Headers({ "x-lineage-peer": "203.0.113.1" }))).toBe("unknown");
    expect(r.requestIsHttps(request)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
