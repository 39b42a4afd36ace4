import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2ePgliteDir, e2eServerEnv } from "./e2e/server";

// Debian's Chromium (never a downloaded browser): CHROMIUM_PATH, else the one on PATH.
function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (fs.existsSync(candidate)) return candidate;
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("No Chromium found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
  }
}

const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${port}`;
// e2e runs the production build, served by server.mjs as `npm start` serves it,
// on its own database: a fresh PGlite folder, or the PostgreSQL database in
// E2E_DATABASE_URL (created and dropped by scripts/test-all.mjs).
const serverEnv: Record<string, string> = {
  ...e2eServerEnv(e2ePgliteDir, process.env.E2E_DATABASE_URL),
  PORT: String(port),
  // Links in emails (read back from the outbox) open the server the browser uses.
  LINEAGE_SITE_URL: baseURL,
  // The browser plays the one proxy in front of the server: a spec that needs a
  // client of its own sends X-Forwarded-For as that proxy would (uniqueIp()).
  // e2e/client-address.spec.ts starts a server without it, as a deployment
  // with no proxy runs, where the header is ignored.
  TRUST_PROXY: "1",
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // CI machines can be busy: argon2 hashing and a sign-in take longer there.
  expect: { timeout: process.env.CI ? 20_000 : 10_000 },
  reporter: "list",
  use: {
    baseURL,
    // Signups take the browser's zone and the specs read times in UTC: the same on any machine (time-zones.spec.ts sets its own).
    timezoneId: "UTC",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: devices["Desktop Chrome"], grepInvert: /@phone/, testIgnore: /admin-close/ },
    { name: "phone", use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }, grep: /@phone/, testIgnore: /admin-close/ },
    // Closes the current month, which every other spec counts on being open: last.
    { name: "closing", use: devices["Desktop Chrome"], testMatch: /admin-close/, dependencies: ["desktop", "phone"] },
  ],
  webServer: {
    command: `rm -rf ${e2ePgliteDir} ${e2ePgliteDir}.lock && node server.mjs`,
    url: `${baseURL}/api/auth/providers`,
    env: serverEnv,
    // A fresh folder seeds the demo company's year of history first: about 20 s on a quiet 2-core machine, more when shared.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
