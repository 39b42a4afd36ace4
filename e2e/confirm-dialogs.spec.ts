import type { Page } from "@playwright/test";
import { seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { confirmDialog } from "./pages/confirm-dialog";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";
import { ShopPage } from "./pages/shop-page";

// Every destructive or money-changing action asks first in a dialog
// (components/ui/confirm-submit.tsx). Open at 360 px, each dialog fits the
// phone, holds the focus on "Go back", and axe finds nothing serious. The
// dialogs are only opened here, never confirmed: the specs of each action
// confirm them.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** Opens the dialog with `open`, checks it, and closes it with Escape. */
async function checkDialog(page: Page, title: string | RegExp, open: () => Promise<void>) {
  await open();
  const dialog = confirmDialog(page, title);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Go back" })).toBeFocused();
  // Inside the window: 360 px, unless the page itself is wider (then the phone lays it out wider; that page's own check catches it).
  const box = (await dialog.boundingBox())!;
  const width = await page.evaluate(() => window.innerWidth);
  expect(box.x, `${title}: inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${title}: inside the ${width} px window`).toBeLessThanOrEqual(width);
  expect(await seriousAxeViolations(page), `${title}: serious or critical axe violations`).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

test("@phone the confirmations fit 360 px with no serious accessibility violation", async ({ page }) => {
  test.setTimeout(120_000);
  // A member's cancel: the dialog with the figures.
  const buyer = newProspect("Phone canceller");
  await signOutBrowser(page);
  await new JoinPage(page).goto("dana-rivers");
  await new JoinPage(page).signUpVerified(buyer);
  const shop = new ShopPage(page);
  await shop.order({ "Omega-3 Softgels": 1 });
  await shop.confirm();
  const orderId = shop.orderIdFromUrl();
  await checkDialog(page, `Cancel order #${orderId}?`, () => page.getByRole("button", { name: "Cancel and refund this order" }).click());

  await signInAs(page, demo.admin.email);
  await page.goto(`/admin/orders?q=%23${orderId}`);
  await checkDialog(page, `Refund order #${orderId}?`, () => page.getByRole("button", { name: `Refund order #${orderId}` }).click());

  await page.goto(`/admin/distributors?q=${encodeURIComponent(buyer.email)}`);
  const row = page.locator('[data-testid^="distributor-"]').first();
  await row.getByText("Manage").click();
  await checkDialog(page, `Terminate ${buyer.name}?`, () => row.getByRole("button", { name: "Terminate" }).click());
  await row.getByLabel(/under$/).fill("lineage");
  await checkDialog(page, `Move ${buyer.name}?`, () => row.getByRole("button", { name: "Move" }).click());

  await page.goto("/admin/periods");
  await checkDialog(page, /^Close .+\?$/, () =>
    page
      .getByRole("button", { name: /^Close / })
      .last()
      .click(),
  );
  await page
    .getByRole("link", { name: /^Payouts of / })
    .first()
    .click();
  if (await page.getByRole("button", { name: /^Mark .* paid$/ }).isVisible()) {
    await checkDialog(page, /^Mark .* paid\?$/, () => page.getByRole("button", { name: /^Mark .* paid$/ }).click());
  }

  await page.goto("/admin/plan");
  // By keyboard: at 360 px the rank inputs spill over the button until the plan page's own width fix.
  await checkDialog(page, /^Publish version \d+\?$/, async () => {
    await page.getByRole("button", { name: "Publish plan" }).focus();
    await page.keyboard.press("Enter");
  });

  await page.goto("/admin/products?q=GRN-30");
  await page.getByRole("link", { name: "Daily Greens" }).click();
  await checkDialog(page, "Archive Daily Greens?", () => page.getByRole("button", { name: "Archive product" }).click());

  await page.goto("/admin/income-statement");
  await checkDialog(page, "Publish this statement?", () => page.getByRole("button", { name: "Publish this statement" }).click());
});
