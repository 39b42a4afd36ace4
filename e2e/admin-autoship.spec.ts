import type { Locator, Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp, type Prospect } from "./pages/join-page";
import { ShopPage, usAddress } from "./pages/shop-page";

// The admin autoship page (/admin/autoship): a member this spec creates starts
// an autoship on the 20th (the suite's clock starts on June 15, 2026); the
// admin finds it under its filters and in the coming days, runs its order now
// (asked first, with the charge and the next date), and the worker charges it.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** A new distributor under Dana with an autoship of one Daily Greens on the 20th, to the US, on the demo success card. */
async function memberWithAutoship(page: Page): Promise<Prospect> {
  const prospect = newProspect("Autoship");
  await signOutBrowser(page);
  await new JoinPage(page).goto("dana-rivers");
  await new JoinPage(page).signUpVerified(prospect);
  await page.goto("/dashboard/autoship");
  await page.getByRole("spinbutton", { name: /Daily Greens/ }).fill("1");
  await page.getByLabel("Day of the month").selectOption("20");
  await new ShopPage(page).fillShippingAddress(usAddress);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: "Start autoship" }).click();
  await expect(page.getByTestId("autoship-started")).toBeVisible();
  return prospect;
}

const cardOf = (page: Page, name: string): Locator => page.getByTestId(/^autoship-\d+$/).filter({ hasText: name });

async function filterBy(page: Page, label: string) {
  await page.getByRole("navigation", { name: "Filter autoships" }).getByRole("link", { name: label, exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Filter autoships" }).getByRole("link", { name: label, exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
}

test("an admin sees a member's autoship, filters, and runs its order now after confirming", async ({ page }) => {
  const prospect = await memberWithAutoship(page);

  await signInAs(page, demo.admin.email);
  await page.goto("/admin");
  // The main menu has the member's own Autoship page too: the back office's section is in the page.
  await page.getByRole("main").getByRole("link", { name: "Autoship", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/autoship$/);
  await expect(page.getByRole("heading", { level: 1, name: "Autoship" })).toBeVisible();

  const card = cardOf(page, prospect.name);
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Active");
  await expect(card).toContainText("the 20th");
  await expect(card).toContainText("June 20, 2026");
  await expect(card).toContainText("1 × Daily Greens");
  await expect(card).toContainText("Visa ending 4242");
  await expect(card).toContainText("None yet");
  await expect(card.getByRole("link", { name: prospect.name })).toHaveAttribute("href", /^\/admin\/distributors\/\d+$/);
  // Its order is among the next 30 days'.
  await expect(page.getByTestId("upcoming-2026-06-20")).toBeVisible();

  await filterBy(page, "Paused");
  await expect(page).toHaveURL(/filter=paused/);
  await expect(cardOf(page, prospect.name)).toHaveCount(0);
  await filterBy(page, "Failing");
  await expect(cardOf(page, prospect.name)).toHaveCount(0);
  await filterBy(page, "Active");
  await expect(cardOf(page, prospect.name)).toHaveCount(1);

  // Run now asks first, stating the charge and the next date; going back changes nothing.
  const active = cardOf(page, prospect.name);
  await active.getByRole("button", { name: "Run now" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Run ${prospect.name}'s June 20, 2026 order now?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/Charges Visa ending 4242 \$[\d,]+\.\d{2} now for the June 20, 2026 order; the next order will be on July 20, 2026\./);
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog).toBeHidden();
  await active.getByRole("button", { name: "Run now" }).click();
  await dialog.getByRole("button", { name: "Charge and run it" }).click();
  // Reported above the list: the worker may have run it already, moving the autoship to July (a later page).
  await expect(page.getByTestId("run-now-notice")).toContainText(
    `${prospect.name}'s June 20, 2026 order is queued: the worker charges it within seconds. The next order will be on July 20, 2026.`,
  );

  // The worker runs it within seconds: paid, and the autoship moves to July, after the demo's own autoships (a later page).
  await expect(async () => {
    for (let n = 1; n <= 10; n++) {
      await page.goto(`/admin/autoship?filter=active&page=${n}`);
      if ((await cardOf(page, prospect.name).count()) > 0) break;
    }
    const after = cardOf(page, prospect.name);
    await expect(after).toContainText("June 20, 2026: Paid", { timeout: 1_000 });
    await expect(after).toContainText("July 20, 2026", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Audited, with what was done in words.
  await page.goto("/admin/audit?action=autoship.run_now");
  await expect(page.getByTestId("audit-autoship.run_now").filter({ hasText: `Ran ${prospect.name}'s June 20, 2026 autoship order now` })).toHaveCount(1);
});

test("the autoship page fits a 360 px phone and axe finds nothing serious", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/admin/autoship");
  await expect(page.getByRole("heading", { level: 1, name: "Autoship" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  // With a Run now dialog open, too (when any autoship can run).
  const runNow = page.getByRole("button", { name: "Run now" }).first();
  if ((await runNow.count()) > 0) {
    await runNow.click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("alertdialog").getByRole("button", { name: "Go back" }).click();
  }
});
