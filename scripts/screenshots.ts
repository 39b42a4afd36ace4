// The README's screenshots, taken from a running portal with the demo company:
//
//   npm start                      (or any server with the demo seed)
//   npm run screenshots            (BASE_URL, default http://localhost:3000)
//
// Writes docs/screenshots/*.png: the distributor's dashboard, team and
// earnings on a desktop, the dashboard on a phone in dark mode, and the
// admin's home. Debian's Chromium, as the e2e suite uses (CHROMIUM_PATH, else
// the one on PATH).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const out = path.resolve(__dirname, "..", "docs", "screenshots");

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
}

async function signedIn(browser: Browser, email: string, options: { width: number; height: number; dark?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: options.width < 500 ? 2 : 1,
    colorScheme: options.dark ? "dark" : "light",
    timezoneId: "America/New_York",
  });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("lineage-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return page;
}

async function shoot(page: Page, pagePath: string, file: string, ready?: string): Promise<void> {
  await page.goto(`${base}${pagePath}`);
  if (ready) await page.locator(ready).first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(out, file) });
  console.info(`docs/screenshots/${file}`);
}

async function main(): Promise<void> {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  try {
    const desktop = await signedIn(browser, "demo@example.com", { width: 1280, height: 900 });
    await shoot(desktop, "/dashboard", "dashboard.png", ".recharts-surface");
    await shoot(desktop, "/dashboard/team", "team.png");
    await shoot(desktop, "/dashboard/earnings", "earnings.png");
    const phone = await signedIn(browser, "demo@example.com", { width: 360, height: 780, dark: true });
    await shoot(phone, "/dashboard", "dashboard-phone-dark.png", ".recharts-surface");
    const admin = await signedIn(browser, "admin@example.com", { width: 1280, height: 900 });
    await shoot(admin, "/admin", "admin.png");
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
