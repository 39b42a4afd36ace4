import type { Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { signInAs as signInWith } from "./pages/admin-pages";
import { JoinPage, newProspect, uniqueIp, type Prospect } from "./pages/join-page";
import { confirmDialog, confirmIn, goBackFrom } from "./pages/confirm-dialog";
import { demoCards, receiptUrl, ShopPage, usAddress, type ShippingAddress } from "./pages/shop-page";

// Issue 15's checkout in the browser, with the demo provider the embedded
// database runs with: an order is created unpaid with its shipping address and
// totals, and counts only once the card form has charged it. Guest orders go
// through the referral shop's abuse limits (10 per client address every 10
// minutes, 5 per email an hour, 30 per shop an hour): every test is its own
// client (x-forwarded-for), every guest email is new, and there are few of them.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** A new distributor under Dana, from the United Kingdom, signed in on their dashboard. */
async function newBuyer(page: Page, label: string): Promise<Prospect> {
  const prospect = newProspect(label);
  await signOutBrowser(page);
  await new JoinPage(page).goto("dana-rivers");
  await new JoinPage(page).signUpVerified(prospect);
  return prospect;
}

const guestEmail = (label: string) => `${label}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}@example.net`;

async function earningsLineFor(page: Page, orderId: number) {
  await page.goto("/dashboard/earnings");
  return page
    .getByTestId("earnings-lines")
    .getByRole("listitem")
    .filter({ hasText: `order #${orderId} ` });
}

const canadaAddress: ShippingAddress = {
  country: "Canada",
  name: "Casey Guest",
  line1: "24 Sussex Drive",
  city: "Ottawa",
  region: "ON",
  postalCode: "K1A 0B1",
};

test.describe("checkout", () => {
  test("a member's checkout: country-aware address, shipping that follows the country, totals, then the demo card", async ({ page }) => {
    const buyer = await newBuyer(page, "Checkout");
    const shop = new ShopPage(page);
    await shop.order({ "Daily Greens": 2 });
    await expect(page.getByRole("heading", { name: "Review your order" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("$98.00");

    // Prefilled from the member: their country (the UK ships, $14.95) and their name.
    await expect(shop.country).toHaveValue("GB");
    await expect(page.getByLabel("Full name")).toHaveValue(buyer.name);
    await expect(page.getByLabel("Postcode", { exact: true })).toBeVisible();
    await expect(shop.totals).toContainText("Subtotal$98.00");
    await expect(shop.shipping).toHaveText("$14.95");
    await expect(shop.total).toHaveText("$112.95");
    // Only the countries with a shipping rate are offered.
    await expect(shop.country.locator("option")).toHaveCount(12);

    // The labels, the shipping and the total follow the country, before anything is sent.
    const countries = [
      { label: "United States", region: "State", postal: "ZIP code", shipping: "$5.95", total: "$103.95" },
      { label: "Canada", region: "Province", postal: "Postal code", shipping: "$9.95", total: "$107.95" },
      { label: "Japan", region: "Prefecture", postal: "Postal code", shipping: "$19.95", total: "$117.95" },
      { label: "Germany", region: "State (optional)", postal: "Postleitzahl", shipping: "$14.95", total: "$112.95" },
    ];
    for (const c of countries) {
      await shop.country.selectOption({ label: c.label });
      await expect(page.getByLabel(c.region, { exact: true })).toBeVisible();
      await expect(page.getByLabel(c.postal, { exact: true })).toBeVisible();
      await expect(shop.shipping).toHaveText(c.shipping);
      await expect(shop.total).toHaveText(c.total);
    }

    // The server checks the address the way its country writes it; a refused form keeps what was typed and chosen.
    await shop.fillShippingAddress({ ...usAddress, line1: "" });
    await shop.continueToPayment();
    await expect(page.getByText("Enter the street address.")).toBeVisible();
    await expect(page.getByLabel("Street address")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/shop\/review\?/);
    await expect(page.getByLabel("City")).toHaveValue(usAddress.city);
    await expect(shop.total).toHaveText("$103.95");
    // The country shown must be the one the labels and the shipping are for (and the one sent next).
    await expect.soft(shop.country).toHaveValue("US");
    await shop.fillShippingAddress({ ...usAddress, postalCode: "123" });
    await shop.continueToPayment();
    await expect(page.getByText("Enter a valid ZIP code, like 94103.")).toBeVisible();
    await expect(page.getByLabel("ZIP code")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter the street address.")).toHaveCount(0);

    await shop.checkout(usAddress);
    const orderId = shop.orderIdFromUrl();
    await expect(page.getByRole("heading", { name: `Pay for order #${orderId}` })).toBeVisible();
    await expect(page.getByTestId("demo-payments-notice")).toContainText("Demo payments: no money moves");
    await expect(shop.payButton).toHaveText("Pay $103.95");

    // The card form checks a card as a provider's form would, and charges nothing then.
    await shop.payWithCard("1234 5678 9012");
    await expect(page.getByText("Enter a valid card number.")).toBeVisible();
    await shop.payWithCard(demoCards.success, { expiry: "01/26" });
    await expect(page.getByText("This card has expired.")).toBeVisible();
    await shop.payWithCard(demoCards.success, { cvc: "" });
    await expect(page.getByText("Enter the 3 or 4 digits on the back of the card.")).toBeVisible();

    await shop.pay();
    expect(shop.orderIdFromUrl()).toBe(orderId);
    await expect(page.getByText("Thank you: your order is paid. Its volume and your team’s commissions are already updated.")).toBeVisible();
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await expect(page.getByText(/UTC · Demo payments$/)).toBeVisible();
    await expect(shop.totals).toContainText("Subtotal$98.00");
    await expect(shop.shipping).toHaveText("$5.95");
    await expect(shop.total).toHaveText("$103.95");
    const address = page.getByTestId("shipping-address");
    await expect(address).toContainText("Sam Shipper");
    await expect(address).toContainText("500 Market Street");
    await expect(address).toContainText("Suite 12");
    await expect(address).toContainText("San Francisco, CA, 94103");
    await expect(page.getByText("This order is waiting for its payment.")).toHaveCount(0);
  });

  test("a declined card counts nothing: the order waits as Payment failed, and the success card then pays it", async ({ page }) => {
    const buyer = await newBuyer(page, "Declined");
    const shop = new ShopPage(page);
    await shop.order({ "Restful Sleep": 1 });
    await shop.checkout(usAddress);
    const orderId = shop.orderIdFromUrl();
    await shop.payWithCard(demoCards.decline);
    await expect(shop.formError).toHaveText("Your card was declined. Try another card.");
    await expect(page).toHaveURL(new RegExp(`/dashboard/orders/${orderId}/pay$`));

    await page.goto(`/dashboard/orders/${orderId}`);
    await expect(shop.statusBadge("Payment failed")).toBeVisible();
    await expect(page.getByText("This order is waiting for its payment.")).toBeVisible();
    await expect(page.getByText(/^Your card was declined\. Try another card\. It counts toward your volume once it is paid\./)).toBeVisible();
    await page.goto("/dashboard/orders?kind=personal");
    const row = page.getByRole("row").filter({ hasText: `#${orderId}` });
    await expect(row).toContainText("Payment failed");

    // Nothing counted: no line for Dana; admins find it among the failed payments, with the reason.
    await signInAs(page, demo.distributor.email);
    await expect(await earningsLineFor(page, orderId)).toHaveCount(0);
    await signInAs(page, demo.admin.email);
    await page.goto(`/admin/orders?status=payment_failed&q=%23${orderId}`);
    const adminRow = page.getByTestId(`admin-order-${orderId}`);
    await expect(adminRow).toContainText("Payment failed");
    await expect(adminRow.getByTestId("payment-error")).toHaveText("Your card was declined. Try another card.");
    await page.goto(`/admin/orders?status=paid&q=%23${orderId}`);
    await expect(adminRow).toHaveCount(0);

    // The buyer comes back: the pay page says what happened; declined again, then paid, on the same page.
    await signInWith(page, buyer.email, buyer.password);
    await page.goto(`/dashboard/orders/${orderId}`);
    await page.getByRole("link", { name: "Pay now" }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/orders/${orderId}/pay$`));
    await expect(page.getByText("Last attempt: Your card was declined. Try another card.")).toBeVisible();
    await shop.payWithCard(demoCards.decline);
    await expect(shop.formError).toHaveText("Your card was declined. Try another card.");
    await shop.pay();
    await expect(page.getByText("Thank you: your order is paid.", { exact: false })).toBeVisible();
    await expect(shop.statusBadge("Paid")).toBeVisible();

    // CV 2300 cents; level 1 pays 8%: $1.84.
    await signInAs(page, demo.distributor.email);
    const line = await earningsLineFor(page, orderId);
    await expect(line).toHaveCount(1);
    await expect(line).toContainText("$1.84");
  });

  test("a guest pays by demo card; the receipt link shows the order paid whenever it is opened", async ({ page, browser, baseURL }) => {
    await signOutBrowser(page);
    const shop = new ShopPage(page);
    await shop.order({ "Plant Protein, Vanilla": 2 }, "/join/dana-rivers/shop");
    await expect(page).toHaveURL(/\/join\/dana-rivers\/shop\/review\?/);
    await expect(page.getByRole("group", { name: "Your details" })).toBeVisible();
    await shop.country.selectOption({ label: "Canada" });
    await expect(page.getByLabel("Province", { exact: true })).toBeVisible();
    await expect(shop.shipping).toHaveText("$9.95");
    await expect(shop.total).toHaveText("$127.95");
    const receipt = await shop.guestCheckout({ name: "Casey Guest", email: guestEmail("casey") }, canadaAddress);

    const orderId = await shop.orderIdFromReceipt();
    await expect(page.getByRole("heading", { level: 1, name: `Order #${orderId}` })).toBeVisible();
    await expect(shop.statusBadge("Awaiting payment")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Pay $127.95" })).toBeVisible();
    await expect(page.getByTestId("demo-payments-notice")).toContainText("Demo payments: no money moves");
    await expect(page.getByTestId("shipping-address")).toContainText("Ottawa, ON, K1A 0B1");
    // The link is the guest's key: it opens the same unpaid order again.
    await page.reload();
    await expect(shop.statusBadge("Awaiting payment")).toBeVisible();

    await shop.payWithCard(demoCards.success);
    await page.waitForURL(/\/receipt\/[\w-]{43}\?paid=1$/);
    await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await expect(page.getByText(`Order #${orderId} is paid ($127.95, Demo payments)`)).toBeVisible();
    await expect(shop.payButton).toHaveCount(0);
    await expect(shop.total).toHaveText("$127.95");

    // Reloaded, without ?paid=1, and in another browser with no cookies: still paid.
    await page.goto(receipt);
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
    const other = await browser.newContext({ baseURL });
    try {
      const fresh = await other.newPage();
      await fresh.goto(receipt);
      await expect(new ShopPage(fresh).statusBadge("Paid")).toBeVisible();
    } finally {
      await other.close();
    }
    await expect(page.getByRole("link", { name: "Keep shopping" })).toHaveAttribute("href", "/join/dana-rivers/shop");

    // One character off is somebody else's key: the not-found page.
    const token = receiptUrl.exec(receipt)![1]!;
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const response = await page.goto(`/receipt/${tampered}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("refunds on one orders page: a refusal shows in its row, and no toast speaks of an order that was not refunded", async ({ page }) => {
    test.setTimeout(90_000);
    const tag = `Toast${Date.now().toString(36)}`;
    const ids: number[] = [];
    for (const label of ["one", "two", "three"]) {
      await signOutBrowser(page);
      const shop = new ShopPage(page);
      await shop.order({ "Omega-3 Softgels": 1 }, "/join/dana-rivers/shop");
      await shop.guestCheckout({ name: `${tag} ${label}`, email: guestEmail(label) }, usAddress);
      ids.push(await shop.orderIdFromReceipt());
      await shop.payWithCard(demoCards.success);
      await expect(shop.statusBadge("Paid")).toBeVisible();
    }
    const [a, b, c] = ids as [number, number, number];
    await signInAs(page, demo.admin.email);
    const list = `/admin/orders?q=${tag}`;
    await page.goto(list);
    // A second tab on the same list. A refund refreshes the list of the tab that made it, not the other's.
    const other = await page.context().newPage();
    await other.goto(list);
    const refund = (p: Page, id: number) => p.getByTestId(`admin-order-${id}`).getByRole("button", { name: `Refund order #${id}` });
    const refundIn = async (p: Page, id: number) => {
      await refund(p, id).click();
      await confirmIn(p, `Refund order #${id}?`, /^Refund \$/);
    };

    await refundIn(page, a);
    await expect(page.getByTestId(`refunded-${a}`)).toContainText(`Order #${a} refunded`);
    await expect(page.getByTestId(`admin-order-${a}`).getByText("Refunded", { exact: true })).toBeVisible();

    // The other tab still shows a as paid: its refund is refused in a's row, and the focus is back on a's button.
    await refundIn(other, a);
    await expect(other.getByTestId(`admin-order-${a}`).getByTestId("form-message")).toHaveText("This order is already refunded.");
    await expect(refund(other, a)).toBeFocused();
    await expect(other.getByTestId(`admin-order-${b}`).getByTestId("form-message")).toHaveText("");

    // The other tab refunds c; the first, where a's refund was the last to succeed, then tries c: refused in c's
    // row, and no toast under c's name (a's success is not replayed for it).
    await refundIn(other, c);
    await expect(other.getByTestId(`refunded-${c}`)).toContainText(`Order #${c} refunded`);
    await refundIn(page, c);
    await expect(page.getByTestId(`admin-order-${c}`).getByTestId("form-message")).toHaveText("This order is already refunded.");
    // Counted once, not retried: a wrong toast would still be up (toasts stay 6 s), and a retried check would wait it out.
    expect(await page.getByTestId(`refunded-${c}`).count()).toBe(0);

    // b was never touched: still paid, still refundable, on both tabs.
    await expect(refund(page, b)).toBeVisible();
    await other.close();
  });

  test("a receipt link that is malformed or unknown is the not-found page", async ({ page }) => {
    await signOutBrowser(page);
    for (const token of ["not-a-token", "x".repeat(43), "A".repeat(44), `${"a".repeat(42)}!`]) {
      const response = await page.goto(`/receipt/${token}`);
      expect(response?.status(), token).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByTestId("demo-payments-notice")).toHaveCount(0);
    }
  });

  test("a guest order past the guest caps is refused with a clear message, and nothing is made", async ({ page }) => {
    await signOutBrowser(page);
    const shop = new ShopPage(page);
    await shop.order({ "Steel Shaker Bottle": 11 }, "/join/dana-rivers/shop");
    await shop.fillGuestDetails("Bulk Buyer", guestEmail("bulk"));
    await shop.fillShippingAddress(usAddress);
    await shop.continueToPayment();
    await expect(shop.formError).toContainText("A guest order holds at most 10 items.");
    await expect(page).toHaveURL(/\/join\/dana-rivers\/shop\/review\?/);

    // 7 × $149.00 is within 10 items, past $1,000.00.
    await shop.order({ "Starter Kit": 7 }, "/join/dana-rivers/shop");
    await shop.fillGuestDetails("Bulk Buyer", guestEmail("bulk"));
    await shop.fillShippingAddress(usAddress);
    await shop.continueToPayment();
    await expect(shop.formError).toContainText("A guest order may total at most $1,000.00.");
    await expect(page).toHaveURL(/\/join\/dana-rivers\/shop\/review\?/);
  });

  test("an admin refunds a guest's demo-paid order through the provider: Refunded on the list and on the receipt", async ({ page }) => {
    await signOutBrowser(page);
    const shop = new ShopPage(page);
    await shop.order({ "Marine Collagen": 1 }, "/join/dana-rivers/shop");
    const receipt = await shop.guestCheckout({ name: "Riley Refund", email: guestEmail("riley") }, usAddress);
    const orderId = await shop.orderIdFromReceipt();
    await shop.payWithCard(demoCards.success);
    await expect(shop.statusBadge("Paid")).toBeVisible();

    await signInAs(page, demo.admin.email);
    await page.goto(`/admin/orders?status=paid&q=%23${orderId}`);
    const row = page.getByTestId(`admin-order-${orderId}`);
    await expect(row).toBeVisible();
    await page.goto(`/admin/orders?q=%23${orderId}`);
    await expect(row).toContainText("Retail: Riley Refund");
    await expect(row).toContainText("$74.95");
    await expect(row).toContainText("Demo payments");
    await expect(row.locator("code").first()).toHaveText(/^demo_ch_[0-9a-f]{24}$/);
    const refundButton = row.getByRole("button", { name: `Refund order #${orderId}` });
    const dialog = confirmDialog(page, `Refund order #${orderId}?`);
    await refundButton.click();
    // The confirmation says where the money goes (back through the provider that took it) and what happens to the commissions paid on it.
    await expect(dialog).toContainText("$74.95 goes back to the buyer through Demo payments.");
    await expect(dialog).toContainText(/Its \d+ commission lines? \(\$[\d,]+\.\d\d\) leave the open period/);
    await expect(dialog.getByRole("button", { name: "Go back" })).toBeFocused();
    // Going back changes nothing and returns the focus to the row's button; Escape closes it too.
    await goBackFrom(page, `Refund order #${orderId}?`);
    await expect(refundButton).toBeFocused();
    await page.reload();
    await expect(row.getByText("Paid", { exact: true })).toBeVisible();
    await refundButton.click();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    // A second tab on the same list, which will be stale once the first refunds.
    const stale = await page.context().newPage();
    await stale.goto(`/admin/orders?q=%23${orderId}`);
    await refundButton.click();
    await confirmIn(page, `Refund order #${orderId}?`, "Refund $74.95");
    // The result is a toast in the toaster's live region; the row keeps the state.
    await expect(page.locator('[aria-live="polite"]').getByTestId(`refunded-${orderId}`)).toContainText(
      `Order #${orderId} refunded: its commissions are removed.`,
    );
    await expect(row.getByText("Refunded", { exact: true })).toBeVisible();
    await page.reload();
    await expect(row.getByText("Refunded", { exact: true })).toBeVisible();
    await expect(row).toContainText(/Refund demo_ch_[0-9a-f]{24}_refund/);
    await expect(refundButton).toHaveCount(0);
    // Refunding it again from the stale tab is refused, in the row it concerns, and changes nothing.
    const staleRow = stale.getByTestId(`admin-order-${orderId}`);
    await staleRow.getByRole("button", { name: `Refund order #${orderId}` }).click();
    await confirmIn(stale, `Refund order #${orderId}?`, "Refund $74.95");
    await expect(staleRow.getByTestId("form-message")).toHaveText("This order is already refunded.");
    await stale.close();
    await page.reload();
    await expect(row).toContainText(/Refund demo_ch_[0-9a-f]{24}_refund/);

    await signOutBrowser(page);
    await page.goto(receipt);
    await expect(shop.statusBadge("Refunded")).toBeVisible();
    await expect(page.getByText(/This order was refunded on .+ UTC: the full amount went back to the card it was paid with\./)).toBeVisible();
    await expect(shop.payButton).toHaveCount(0);
  });

  test("@phone checkout fits 360 px, with no serious accessibility violation on the review, pay and receipt pages", async ({ page }) => {
    const shop = new ShopPage(page);
    const fits = async (where: string) => {
      expect(await page.evaluate(() => window.innerWidth)).toBe(360);
      expect.soft(await horizontalOverflow(page), `${where} scrolls sideways`).toBeLessThanOrEqual(0);
    };
    const accessible = async (where: string) => {
      // Soft: one run lists every page's violations.
      expect.soft(await seriousAxeViolations(page), `${where}: serious or critical axe violations`).toEqual([]);
    };

    // A member: review, pay, paid.
    await signInAs(page, demo.distributor.email);
    await shop.order({ "Hydration Sticks": 1, "Omega-3 Softgels": 1 });
    await expect(shop.total).toBeVisible();
    await fits("the review page");
    await accessible("the review page");
    await shop.fillShippingAddress(usAddress);
    await expect(shop.total).toHaveText("$63.95");
    await fits("the review page, filled");
    await shop.continueToPayment();
    await page.waitForURL(/\/dashboard\/orders\/\d+\/pay$/);
    await expect(shop.payButton).toHaveText("Pay $63.95");
    await fits("the pay page");
    await accessible("the pay page");
    await shop.payWithCard(demoCards.decline);
    await expect(shop.formError).toBeVisible();
    await fits("the pay page with a decline");
    await accessible("the pay page with a decline");
    await shop.pay();
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await fits("the paid order page");
    await accessible("the paid order page");

    // A guest: review, receipt to pay, paid receipt.
    await signOutBrowser(page);
    await shop.order({ "Daily Greens": 1 }, "/join/dana-rivers/shop");
    await expect(shop.total).toBeVisible();
    await fits("the guest review page");
    await accessible("the guest review page");
    await shop.guestCheckout({ name: "Phone Guest", email: guestEmail("phone") }, usAddress);
    await expect(shop.statusBadge("Awaiting payment")).toBeVisible();
    await fits("the receipt to pay");
    await accessible("the receipt to pay");
    await shop.payWithCard(demoCards.success);
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await fits("the paid receipt");
    await accessible("the paid receipt");
  });
});
