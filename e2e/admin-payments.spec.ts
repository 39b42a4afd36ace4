import type { Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";
import { ShopPage, usAddress } from "./pages/shop-page";

// The payments settings page (/admin/payments) and the payment side of the
// admin orders list. These tests share the demo company with the other specs:
// they add and remove a country the demo does not ship to (Ghana), put the
// checkout settings back as they found them, and order only through a
// distributor they create.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

async function openPayments(page: Page) {
  await page.goto("/admin/payments");
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
}

test("an admin finds Payments in the back office: demo payments, the Stripe webhook to set up, and no secret", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Payments", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/payments$/);

  // The e2e server runs demo payments (PGlite, or PostgreSQL with LINEAGE_DEMO_PAYMENTS=1).
  await expect(page.getByTestId("payment-provider")).toContainText("Demo payments: no money moves");
  const origin = new URL(page.url()).origin;
  await expect(page.getByTestId("webhook-url")).toHaveText(`${origin}/api/payments/stripe/webhook`);
  await expect(page.getByTestId("webhook-events")).toContainText("checkout.session.completed");
  await expect(page.getByTestId("secret-key-status")).toHaveText("Not set");
  await expect(page.getByTestId("webhook-secret-status")).toHaveText("Not set");
  expect(await page.content()).not.toMatch(/sk_(test|live)_|rk_(test|live)_|whsec_/);
});

test("shipping rates: bad input is refused clearly and changes nothing; a country is added, changed, and removed once confirmed", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await openPayments(page);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save rate" }) });
  const rate = page.getByLabel("Shipping rate (USD)");
  const ghana = page.getByTestId("rate-GH");
  await expect(ghana).toHaveCount(0);

  for (const bad of ["4.999", "abc", "-1"]) {
    await page.getByLabel("Country", { exact: true }).selectOption("GH");
    await rate.fill(bad);
    await page.getByRole("button", { name: "Save rate" }).click();
    await expect(page.getByTestId("shipping-rate-error")).toHaveText("Enter the rate like 4.95 (at most 2 decimals), or 0 for free shipping.");
    await expect(rate).toHaveAttribute("aria-invalid", "true");
    // What was typed stays, to be corrected.
    await expect(rate).toHaveValue(bad);
    await expect(ghana).toHaveCount(0);
  }
  await page.getByLabel("Country", { exact: true }).selectOption("");
  await rate.fill("5");
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(page.getByTestId("shipping-country-error")).toHaveText("Choose a country from the list.");

  await page.getByLabel("Country", { exact: true }).selectOption("GH");
  await rate.fill("12.5");
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(form.getByTestId("form-message")).toHaveText("Checkout now offers Ghana, with $12.50 shipping.");
  await expect(ghana).toContainText("$12.50");

  await page.getByLabel("Country", { exact: true }).selectOption("GH");
  await rate.fill("0");
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(form.getByTestId("form-message")).toHaveText("Ghana now has free shipping.");
  await expect(ghana).toContainText("Free");

  // Removing asks first, and says what it does.
  await ghana.locator("summary").click();
  await ghana.getByRole("button", { name: "Remove Ghana from checkout" }).click();
  await expect(ghana.getByTestId("form-message")).toHaveText("Tick the box to confirm: checkout will no longer offer this country.");
  await expect(ghana).toBeVisible();
  await ghana.getByLabel("Checkout will no longer offer Ghana").check();
  await ghana.getByRole("button", { name: "Remove Ghana from checkout" }).click();
  await expect(page.getByText("Checkout no longer offers Ghana.")).toBeVisible();
  await expect(ghana).toHaveCount(0);

  await page.goto("/admin/audit?entity=shipping_rate");
  await expect(page.getByTestId("audit-shipping.set_rate").first()).toContainText("Shipping to Ghana");
  await expect(page.getByTestId("audit-shipping.remove_rate").first()).toContainText("Shipping to Ghana");
});

test("checkout settings: the payment window and guest caps are validated; a change is saved, shown and audited", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await openPayments(page);
  const summary = page.getByTestId("checkout-summary");
  const defaults = "Unpaid orders expire after 1 day. A guest order may total at most $1,000.00 and hold at most 10 items.";
  await expect(summary).toHaveText(defaults);
  const save = page.getByRole("button", { name: "Save checkout settings" });
  const fill = async (amount: string, unit: "minutes" | "hours", total: string, items: string) => {
    await page.getByLabel("Payment window length").fill(amount);
    await page.getByLabel("Payment window unit").selectOption(unit);
    await page.getByLabel(/^Guest order: largest total/).fill(total);
    await page.getByLabel("Guest order: most items").fill(items);
    await save.click();
  };

  // Every mistake is named at once, and nothing is saved.
  await fill("20", "minutes", "0", "");
  await expect(page.getByTestId("checkout-windowAmount-error")).toHaveText("The payment window must be from 30 minutes to 7 days (168 hours).");
  await expect(page.getByTestId("checkout-guestMaxTotal-error")).toHaveText("The cap must be more than 0, or guests could not order at all.");
  await expect(page.getByTestId("checkout-guestMaxUnits-error")).toHaveText("Enter a whole number of items from 1 to 990.");
  await expect(page.getByLabel("Payment window length")).toHaveAttribute("aria-invalid", "true");
  await fill("169", "hours", "1,000", "991");
  await expect(page.getByTestId("checkout-windowAmount-error")).toHaveText("The payment window must be from 30 minutes to 7 days (168 hours).");
  await expect(page.getByTestId("checkout-guestMaxTotal-error")).toHaveText("Enter the amount like 1000.00 (at most 2 decimals).");
  await page.reload();
  await expect(summary).toHaveText(defaults);

  await fill("36", "hours", "1500", "12");
  await expect(page.getByText("Saved. A new payment window applies to orders made from now on.")).toBeVisible();
  await expect(summary).toHaveText("Unpaid orders expire after 36 hours. A guest order may total at most $1,500.00 and hold at most 12 items.");

  // Back to the defaults the other specs expect (the guest caps, the 24-hour window).
  await fill("24", "hours", "1000.00", "10");
  await expect(summary).toHaveText(defaults);
  await page.goto("/admin/audit?entity=checkout_settings");
  await expect(page.getByTestId("audit-checkout.update").first()).toContainText(/Pending order minutes\s*2,160\s*→\s*changed to\s*1,440/);
});

test("the orders list shows payment state, provider and flag; filters find awaiting payment and flagged orders", async ({ page }) => {
  // A new distributor: a shop with no history.
  const seller = newProspect("Shopkeeper");
  await signOutBrowser(page);
  await new JoinPage(page).goto("dana-rivers");
  await new JoinPage(page).signUpVerified(seller);
  const code = new URL(await page.getByLabel("Your referral link").inputValue()).pathname.split("/").pop()!;

  // Their own order, left unpaid on the pay page.
  const shop = new ShopPage(page);
  await shop.order({ "Daily Greens": 1 });
  await shop.checkout(usAddress);
  const pendingId = shop.orderIdFromUrl();

  // A guest's first order through their shop, far above a new shop's $250 bar: 4 × $69.00 + $5.95 shipping.
  await signOutBrowser(page);
  await shop.order({ "Marine Collagen": 4 }, `/join/${code}/shop`);
  await shop.guestCheckout({ name: "Flo Flagged", email: `flo.${Date.now().toString(36)}@example.net` }, usAddress);
  const flaggedId = await shop.orderIdFromReceipt();

  await signInAs(page, demo.admin.email);
  await page.goto(`/admin/orders?q=${code}`);
  const pending = page.getByTestId(`admin-order-${pendingId}`);
  await expect(pending.getByText("Awaiting payment", { exact: true })).toBeVisible();
  await expect(pending).toContainText("Demo payments");
  await expect(pending).toContainText("Payable until");
  // Unpaid: no period yet, and nothing to refund.
  await expect(pending).toContainText("—");
  await expect(pending.getByTestId(`refund-${pendingId}`)).toHaveCount(0);

  // The flag is set just after the guest's checkout answers: reload until it shows.
  const flagged = page.getByTestId(`admin-order-${flaggedId}`);
  await expect(async () => {
    await page.reload();
    await expect(flagged.getByTestId("flag-reason")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(flagged.getByText("Flagged", { exact: true })).toBeVisible();
  await expect(flagged.getByTestId("flag-reason")).toHaveText(
    "Retail sales through this shop in the last 24 h ($281.95 in 1 order) are above $250.00, and it had no retail sales in the 90 days before.",
  );
  await expect(flagged).toContainText("Retail: Flo Flagged");

  // The filters, as a person uses them.
  await page.getByRole("combobox", { name: "Flag", exact: true }).selectOption({ label: "Flagged only" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/flagged=1/);
  await expect(flagged).toBeVisible();
  await expect(pending).toHaveCount(0);

  await page.goto(`/admin/orders?q=${code}`);
  await page.getByRole("combobox", { name: "Status", exact: true }).selectOption({ label: "Awaiting payment" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=pending_payment/);
  await expect(pending).toBeVisible();
  await expect(flagged).toBeVisible();

  for (const status of ["paid", "payment_failed", "expired"]) {
    await page.goto(`/admin/orders?status=${status}&q=${code}`);
    await expect(page.getByText("No orders match."), status).toBeVisible();
  }
  // The short names work too.
  await page.goto(`/admin/orders?status=pending&q=${code}`);
  await expect(pending).toBeVisible();
});

test("@phone the payments page and the orders list fit 360 px, with no serious accessibility violation", async ({ page }) => {
  const fits = async (where: string) => {
    expect(await page.evaluate(() => window.innerWidth)).toBe(360);
    expect(await horizontalOverflow(page), `${where} scrolls sideways`).toBeLessThanOrEqual(0);
  };
  const accessible = async (where: string) => {
    expect(await seriousAxeViolations(page), `${where}: serious or critical axe violations`).toEqual([]);
  };
  await signInAs(page, demo.admin.email);

  await openPayments(page);
  await fits("the payments page");
  await accessible("the payments page");
  const first = page.getByTestId("shipping-rates").getByRole("listitem").first();
  await first.locator("summary").click();
  await expect(first.getByRole("checkbox")).toBeVisible();
  await fits("the payments page with a removal open");
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(page.getByTestId("shipping-country-error")).toBeVisible();
  await fits("the payments page with errors");
  await accessible("the payments page with errors");

  await page.goto("/admin/orders");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await fits("the orders list");
  await accessible("the orders list");
  await page.goto("/admin/orders?status=paid");
  // The refund's confirmation, open at 360 px.
  await page
    .getByRole("button", { name: /^Refund order #\d+$/ })
    .first()
    .click();
  await expect(page.getByRole("alertdialog", { name: /^Refund order #\d+\?$/ })).toBeVisible();
  await fits("the orders list with a refund's confirmation open");
  await accessible("the orders list with a refund's confirmation open");
});
