import { demo, expect, test } from "./fixtures";
import { signInAs, signOutBrowser } from "./pages/admin-pages";

// Every admin page refuses anyone but an admin: a distributor gets a plain 404
// (admin URLs are not advertised), a signed-out visitor is sent to sign in.
const adminPages = [
  "/admin",
  "/admin/products",
  "/admin/products/new",
  "/admin/products/1",
  "/admin/plan",
  "/admin/distributors",
  "/admin/periods",
  "/admin/periods/1/payouts",
  "/admin/orders",
  "/admin/autoship",
  "/admin/payments",
  "/admin/referrals",
  "/admin/outbox",
  "/admin/outbox/1",
  "/admin/jobs",
  "/admin/audit",
];
// The bank file is a download, not a page: fetched with the browser's cookies.
const bankFile = "/admin/periods/1/payouts/export";
// A stored email's HTML, for the outbox's frame: a route handler that checks the admin itself.
const emailHtml = "/admin/outbox/1/html";

test.describe("admin pages are for admins only", () => {
  test("a signed-in distributor gets a 404 on every admin page", async ({ page }) => {
    await signInAs(page, demo.distributor.email, demo.password);
    for (const path of adminPages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Admin" }), path).toHaveCount(0);
    }
    const file = await page.request.get(bankFile, { maxRedirects: 0 });
    expect(file.status()).toBe(404);
    expect(await file.text()).not.toContain("distributor_id");
    expect((await page.request.get(emailHtml, { maxRedirects: 0 })).status()).toBe(404);
  });

  test("a signed-out visitor is sent to sign in from every admin page", async ({ page }) => {
    await signOutBrowser(page);
    for (const path of adminPages) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in(\?|$)/);
    }
    const file = await page.request.get(bankFile, { maxRedirects: 0 });
    expect(file.status()).toBe(307);
    expect(file.headers().location).toMatch(/\/sign-in/);
    const html = await page.request.get(emailHtml, { maxRedirects: 0 });
    expect(html.status()).toBe(307);
    expect(html.headers().location).toMatch(/\/sign-in/);
  });
});
