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
