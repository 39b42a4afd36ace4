import type { Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { expect, signOutBrowser, test } from "./fixtures";
import { linkFromOutbox } from "./outbox";
import { uniqueIp } from "./pages/join-page";
import { demoCards, futureExpiry, ShopPage, usAddress } from "./pages/shop-page";

// A retail customer's autoship in the browser (issue 19), with demo payments:
// a guest pays an order through Dana's referral shop, starts monthly delivery
// from its receipt (no account), and manages it with the link we email: skip
// (after "Go back" changes nothing), change the card, a new link that retires
// the old one, cancel. Runs themselves need the clock to reach their day:
// lib/autoship/customer.int.test.ts runs them.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

const guestEmail = (label: string) => `${label}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}@example.net`;
const manageLink = /\/autoship\/manage\/\d+\.\d+\.[\w-]{43}/;
const manageToken = "\\d+\\.\\d+\\.[A-Za-z0-9_-]{43}";

async function fillCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill(futureExpiry);
  await page.getByLabel("Security code").fill("123");
}

/** A guest's paid order through Dana's shop; returns its receipt's path. */
async function paidGuestOrder(page: Page, name: string, email: string): Promise<string> {
  await signOutBrowser(page);
  const shop = new ShopPage(page);
  await shop.order({ "Daily Greens": 2 }, "/join/dana-rivers/shop");
  const receipt = await shop.guestCheckout({ name, email }, usAddress);
  await shop.payWithCard(demoCards.success);
  await page.waitForURL(/\/receipt\/[\w-]{43}\?paid=1$/);
  await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
  return receipt;
}

test("a guest starts monthly delivery from their receipt and manages it with the emailed link", async ({ page, browser, baseURL }) => {
  const email = guestEmail("monthly");
  const receipt = await paidGuestOrder(page, "Morgan Monthly", email);
  const offer = page.getByTestId("customer-autoship-offer");
  await expect(offer).toContainText("2 × Daily Greens");
  await expect(offer).toContainText("Nothing is charged today");
  await new ShopPage(page).waitForHydration("#dayOfMonth");
  await page.getByLabel("Day of the month").selectOption("12");
  // A card the demo refuses to save: a clear message, nothing started.
  await fillCard(page, "4242 4242 4242 4241");
  await page.getByRole("button", { name: "Start monthly autoship" }).click();
  await expect(offer.getByTestId("form-error")).toHaveText("Check the card.");
  await expect(offer.getByText("Enter a valid card number.")).toBeVisible();
  await expect(page).toHaveURL(/\/receipt\//);
  await fillCard(page, demoCards.success);
  await page.getByRole("button", { name: "Start monthly autoship" }).click();
  await page.waitForURL(/\/autoship\/manage\/\d+\.1\.[\w-]{43}\?started=1$/);
  const manage = new URL(page.url()).pathname;
  await expect(page.getByTestId("autoship-started")).toContainText("We emailed you this page");
  await expect(page.getByRole("heading", { level: 1, name: "Morgan Monthly, your autoship" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Autoship is on: the 12th of every month" })).toBeVisible();
  const next = page.getByTestId("autoship-next");
  await expect(next).toContainText("charged to the card ending 4242");
  // PV is a member's measure: a customer is shown prices only.
  await expect(next).not.toContainText("PV");
  const firstDate = (await next.locator("strong").textContent())!;

  // The email's link is this page.
  const emailed = await linkFromOutbox(browser, baseURL!, email, "/autoship/manage/", manageToken);
  expect(new URL(emailed).pathname).toBe(manage);

  // Skip asks first: "Go back" changes nothing; confirmed, the next order moves a month on.
  await signOutBrowser(page);
  await page.goto(manage);
  await new ShopPage(page).waitForHydration("#dayOfMonth");
  await page.getByRole("button", { name: "Skip next order" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Skip the ${firstDate} order?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("autoship-next").locator("strong")).toHaveText(firstDate);
  await new ShopPage(page).waitForHydration("#dayOfMonth");
  await page.getByRole("button", { name: "Skip next order" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Skip it" }).click();
  await expect(page.getByTestId("form-message").first()).toContainText(`The ${firstDate} order is skipped`);
  await expect(page.getByTestId("autoship-runs")).toContainText("Skipped");

  // Another card.
  await page.getByText("Card (Visa ending 4242").click();
  await fillCard(page, "4000 0000 0000 9995");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Card saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("autoship-next")).toContainText("charged to the card ending 9995");

  // The receipt knows: it offers a new link instead, and the new link retires this one.
  await page.goto(receipt);
  const on = page.getByTestId("customer-autoship-on");
  await expect(on).toContainText("This order comes every month");
  await on.getByRole("button", { name: "Email me a new link" }).click();
  await expect(on.getByRole("status")).toContainText("We emailed you a new link");
  await page.goto(manage);
  await expect(page.getByTestId("manage-link-invalid")).toContainText("This link does not work");
  const newer = await linkFromOutbox(browser, baseURL!, email, "/autoship/manage/", manageToken);
  expect(newer).toMatch(manageLink);
  expect(new URL(newer).pathname).not.toBe(manage);

  // Cancel asks first, then stops it for good; the receipt offers it again.
  await page.goto(newer);
  await new ShopPage(page).waitForHydration("#dayOfMonth");
  await page.getByRole("button", { name: "Cancel autoship" }).click();
  await page.getByRole("alertdialog", { name: "Cancel your autoship?" }).getByRole("button", { name: "Cancel autoship" }).click();
  // The page itself then says so (the autoship it showed is gone), and keeps saying it.
  await expect(page.getByTestId("customer-autoship-cancelled")).toContainText("This autoship is cancelled");
  await page.reload();
  await expect(page.getByTestId("customer-autoship-cancelled")).toContainText("This autoship is cancelled");
  await page.goto(receipt);
  await expect(page.getByTestId("customer-autoship-offer")).toBeVisible();
});

test("@phone the receipt's offer and the customer's autoship page fit 360 px with no serious accessibility violation", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const checks = async (where: string) => {
    expect.soft(await horizontalOverflow(page), `${where} scrolls sideways`).toBeLessThanOrEqual(0);
    expect.soft(await seriousAxeViolations(page), `${where}: serious or critical axe violations`).toEqual([]);
  };
  await paidGuestOrder(page, "Phone Customer", guestEmail("phone-monthly"));
  await expect(page.getByTestId("customer-autoship-offer")).toBeVisible();
  await checks("the paid receipt with the autoship offer");
  await new ShopPage(page).waitForHydration("#dayOfMonth");
  await fillCard(page, demoCards.success);
  await page.getByRole("button", { name: "Start monthly autoship" }).click();
  await page.waitForURL(manageLink);
  await expect(page.getByTestId("autoship-summary")).toBeVisible();
  await checks("the customer's autoship page");
  await page.getByRole("button", { name: "Cancel autoship" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await checks("the cancel dialog");
});
