import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

async function freshEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  return import("./env");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("AUTH_SECRET", () => {
  it("is required, at least 32 characters, when DATABASE_URL is set", async () => {
    const { authSecret, ConfigError } = await freshEnv({ DATABASE_URL: "postgres://x@localhost/db", AUTH_SECRET: undefined });
    expect(() => authSecret()).toThrow(ConfigError);
    const short = await freshEnv({ DATABASE_URL: "postgres://x@localhost/db", AUTH_SECRET: "too-short" });
    expect(() => short.authSecret()).toThrow(/at least 32/);
    const good = await freshEnv({ DATABASE_URL: "postgres://x@localhost/db", AUTH_SECRET: "a".repeat(32) });
    expect(good.authSecret()).toBe("a".repeat(32));
  });

  it("is generated once next to the embedded database and kept", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineage-env-"));
    try {
      const info = vi.spyOn(console, "info").mockImplementation(() => {});
      const first = await freshEnv({ DATABASE_URL: undefined, AUTH_SECRET: undefined, PGLITE_DIR: path.join(dir, "pglite") });
      const secret = first.authSecret();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(info).toHaveBeenCalledWith(expect.stringContaining("generated one"));
      const again = await freshEnv({ DATABASE_URL: undefined, AUTH_SECRET: undefined, PGLITE_DIR: path.join(dir, "pglite") });
      expect(again.authSecret()).toBe(secret);
      info.mockRestore();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("LINEAGE_E2E_FAULTS", () => {
  // It lets a request ask the server to fail: a deployment must never have it by accident.
  it("is off unless set to exactly 1", async () => {
    expect((await freshEnv({ LINEAGE_E2E_FAULTS: undefined })).env.e2eFaults).toBe(false);
    expect((await freshEnv({ LINEAGE_E2E_FAULTS: "0" })).env.e2eFaults).toBe(false);
    expect((await freshEnv({ LINEAGE_E2E_FAULTS: "1" })).env.e2eFaults).toBe(true);
    await expect(freshEnv({ LINEAGE_E2E_FAULTS: "true" })).rejects.toThrow(/LINEAGE_E2E_FAULTS/);
  });
});

describe("TRUST_PROXY", () => {
  it("is no proxy when unset, a hop count, or a list of proxies", async () => {
    expect((await freshEnv({ TRUST_PROXY: undefined })).env.trustProxy).toEqual({ kind: "none" });
    expect((await freshEnv({ TRUST_PROXY: "0" })).env.trustProxy).toEqual({ kind: "none" });
    expect((await freshEnv({ TRUST_PROXY: "2" })).env.trustProxy).toEqual({ kind: "hops", hops: 2 });
    expect((await freshEnv({ TRUST_PROXY: "10.0.0.0/8, loopback" })).env.trustProxy.kind).toBe("list");
  });

  // A typo must stop the server at start, not trust the wrong party.
  it("refuses anything else at start, naming the variable and the reason", async () => {
    await expect(freshEnv({ TRUST_PROXY: "true" })).rejects.toThrow(/Invalid environment: TRUST_PROXY: "true" would believe X-Forwarded-For from anyone/);
    await expect(freshEnv({ TRUST_PROXY: "10.0.0.0/33" })).rejects.toThrow(/TRUST_PROXY: "10.0.0.0\/33" is not an IP address/);
  });
});

describe("LINEAGE_PEER_HEADER", () => {
  // server.mjs sets it; with it off, a peer header could be a client's own words.
  it("is off unless set to exactly 1", async () => {
    expect((await freshEnv({ LINEAGE_PEER_HEADER: undefined })).env.peerHeader).toBe(false);
    expect((await freshEnv({ LINEAGE_PEER_HEADER: "1" })).env.peerHeader).toBe(true);
    await expect(freshEnv({ LINEAGE_PEER_HEADER: "yes" })).rejects.toThrow(/LINEAGE_PEER_HEADER/);
  });
});
