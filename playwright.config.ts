import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

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
// e2e runs the production build on its own database: a fresh PGlite folder, or
// the PostgreSQL database in E2E_DATABASE_URL (created and dropped by scripts/test-all.mjs).
const pgliteDir = process.env.E2E_PGLITE_DIR ?? ".data/e2e/pglite";
const serverEnv: Record<string, string> = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
  // The suite sees the same month whatever today's date: the server's clock (and
  // so the demo company's months) starts mid-month, on a fixed day.
  LINEAGE_CLOCK_START: process.env.E2E_CLOCK_START ?? "2026-06-15T12:00:00Z",
  PGLITE_DIR: pgliteDir,
  // NODE_ENV=production on PostgreSQL would skip the demo company the specs sign in as.
  SEED_DEMO: "always",
  // e2e/error-pages.spec.ts asks for injected errors (lib/e2e-faults.ts); never set outside this server.
  LINEAGE_E2E_FAULTS: "1",
  // The browser suite pays with demo cards on both databases (on PostgreSQL they are off unless asked for).
  LINEAGE_DEMO_PAYMENTS: "1",
  ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
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
    command: `rm -rf ${pgliteDir} ${pgliteDir}.lock && node node_modules/next/dist/bin/next start -p ${port}`,
    url: `${baseURL}/api/auth/providers`,
    env: serverEnv,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
