import { demo, expect, test } from "./fixtures";
import { signInAs, signOutBrowser } from "./pages/admin-pages";
import type { Page } from "@playwright/test";

// Every page carries the security headers, and works under its Content
// Security Policy: no violation is reported while it loads and hydrates, and
// the charts and the QR code still draw.

const pages = {
  guest: ["/sign-in", "/join", "/join/dana-rivers", "/join/dana-rivers/shop", "/agreement"],
  distributor: ["/dashboard", "/dashboard/team", "/dashboard/team/tree", "/dashboard/orders", "/dashboard/earnings", "/shop"],
  admin: [
    "/admin",
    "/admin/products",
    "/admin/plan",
    "/admin/distributors",
    "/admin/periods",
    "/admin/orders",
    "/admin/payments",
    "/admin/referrals",
    "/admin/outbox",
    "/admin/jobs",
    "/admin/audit",
  ],
};

/** Collects the policy violations a page reports (the browser logs each one on the console too). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return violations;
}

async function visitAll(page: Page, paths: string[]) {
  const violations = await watchViolations(page);
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const headers = response!.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-frame-options"], path).toBe("DENY");
    // Over plain http (the test server), no HSTS: it would pin a demo to https.
    expect(headers["strict-transport-security"], path).toBeUndefined();
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
}

test.describe("security headers and the Content Security Policy", () => {
  test("a guest's pages", async ({ page }) => {
    await signOutBrowser(page);
    await visitAll(page, pages.guest);
  });

  test("a distributor's pages, charts and QR code included", async ({ page }) => {
    await signInAs(page, demo.distributor.email, demo.password);
    await visitAll(page, pages.distributor);
    await page.goto("/dashboard");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByRole("img", { name: /QR code/i }).first()).toBeVisible();
  });

  test("an admin's pages", async ({ page }) => {
    await signInAs(page, demo.admin.email, demo.password);
    await visitAll(page, pages.admin);
  });

  test("each page gets a nonce of its own", async ({ page }) => {
    await signOutBrowser(page);
    const nonce = async () => /'nonce-([^']+)'/.exec((await page.goto("/sign-in"))!.headers()["content-security-policy"] ?? "")?.[1];
    const first = await nonce();
    expect(first).toBeTruthy();
    expect(await nonce()).not.toBe(first);
  });
});
