import type { Page } from "@playwright/test";
import { seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { confirmDialog } from "./pages/confirm-dialog";
import { uniqueIp } from "./pages/join-page";

// Dark mode: with the device set to dark the portal follows it, and axe (its
// colour-contrast rule included) finds nothing serious or critical on the main
// pages, disclosures closed and open. The theme toggle steps System → Light →
// Dark, and the choice outlives a reload.

const pages = {
  guest: ["/", "/sign-in", "/join/dana-rivers"],
  distributor: ["/shop", "/dashboard", "/dashboard/team", "/dashboard/earnings"],
  admin: ["/admin", "/admin/orders", "/admin/plan", "/admin/audit"],
};

const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

async function checkDark(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("load");
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const where = `${path} (${new URL(page.url()).pathname}) in dark mode`;
    expect.soft(await isDark(page), `${where}: the page is dark`).toBe(true);
    expect.soft(await seriousAxeViolations(page), `${where}: serious or critical axe violations`).toEqual([]);
    // The charts' tables, the Manage panels and the like: each has its own colours.
    if ((await page.locator("details:not([open])").count()) > 0) {
      await page.locator("details:not([open])").evaluateAll((all) => all.forEach((d) => d.setAttribute("open", "")));
      expect.soft(await seriousAxeViolations(page), `${where}, disclosures open: serious or critical axe violations`).toEqual([]);
    }
  }
}

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

test.describe("dark mode, following the device", () => {
  test.use({ colorScheme: "dark" });
  test.describe.configure({ timeout: 180_000 });

  test("a guest's pages", async ({ page }) => {
    await signOutBrowser(page);
    await checkDark(page, pages.guest);
  });

  test("a distributor's pages", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    await checkDark(page, pages.distributor);
  });

  test("an admin's pages, and a confirmation dialog", async ({ page }) => {
    await signInAs(page, demo.admin.email);
    await checkDark(page, pages.admin);
    // A dialog over a dimmed page (opened only: Escape backs out).
    await page.goto("/admin/plan");
    await page.getByRole("button", { name: "Publish plan" }).click();
    const dialog = confirmDialog(page, /^Publish version \d+\?$/);
    await expect(dialog).toBeVisible();
    expect(await seriousAxeViolations(page), "the publish dialog in dark mode").toEqual([]);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });
});

test("the theme toggle switches the theme, and the choice persists across a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signInAs(page, demo.distributor.email);
  const toggle = page.getByRole("banner").getByRole("button", { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName("Theme: System. Switch to Light");
  expect(await isDark(page)).toBe(false);

  // System follows the device: dark when it turns dark.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

  await toggle.click();
  await expect(toggle).toHaveAccessibleName("Theme: Light. Switch to Dark");
  await toggle.click();
  await expect(toggle).toHaveAccessibleName("Theme: Dark. Switch to System");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  // Kept in this browser: after a reload, and on another page with another frame (the public one).
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAccessibleName("Theme: Dark. Switch to System");
  await page.goto("/join/dana-rivers");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  const publicToggle = page.getByRole("banner").getByRole("button", { name: /^Theme: / });
  await expect(publicToggle).toHaveAccessibleName("Theme: Dark. Switch to System");

  // Light wins over a dark device once chosen; System hands the choice back to the device.
  await page.emulateMedia({ colorScheme: "dark" });
  await publicToggle.click();
  await expect(publicToggle).toHaveAccessibleName("Theme: System. Switch to Light");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await publicToggle.click();
  await expect(publicToggle).toHaveAccessibleName("Theme: Light. Switch to Dark");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});
