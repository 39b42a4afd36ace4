import type { Page } from "@playwright/test";
import { seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { signInAs as signInWith } from "./pages/admin-pages";
import { confirmDialog, confirmIn, goBackFrom } from "./pages/confirm-dialog";
import { JoinPage, newProspect, uniqueIp, type Prospect } from "./pages/join-page";
import { demoCards, ShopPage, ukAddress, usAddress } from "./pages/shop-page";

// Orders are created unpaid and count (volume, commissions) only once the demo
// provider's card form has charged them: each journey pays before it looks at
// anyone's earnings.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

async function earningsLineFor(page: Page, orderId: number) {
  await page.goto("/dashboard/earnings");
  return page
    .getByTestId("earnings-lines")
    .getByRole("listitem")
    .filter({ hasText: `order #${orderId} ` });
}

/** A new distributor under Dana (their orders pay her level 1), signed in on their dashboard. */
async function newBuyer(page: Page, label = "Buyer"): Promise<Prospect> {
  const prospect = newProspect(label);
  await signOutBrowser(page);
  await new JoinPage(page).goto("dana-rivers");
  await new JoinPage(page).signUpVerified(prospect);
  return prospect;
}

/** An email no earlier run has used: the guest checkout allows 5 orders an hour per email. */
const guestEmail = (label: string) => `${label}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}@example.net`;

test.describe("orders pay the upline once paid", () => {
  test("a new member orders and pays; their sponsor's earnings explain the line; an admin refund removes it", async ({ page }) => {
    const prospect = await newBuyer(page);
    const shop = new ShopPage(page);
    await shop.order({ "Starter Kit": 1, "Daily Greens": 2 });
    await expect(page.getByRole("heading", { name: "Review your order" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("$247.00");
    await expect(page.getByTestId("cart-pv")).toHaveText("200 PV");
    // The prospect enrolled from the United Kingdom: its shipping is already on the total.
    await expect(shop.country).toHaveValue("GB");
    await expect(shop.total).toHaveText("$261.95");
    await shop.checkout(ukAddress);
    const orderId = shop.orderIdFromUrl();
    await expect(page.getByRole("heading", { name: `Pay for order #${orderId}` })).toBeVisible();
    await shop.pay();
    await expect(page.getByText("Thank you: your order is paid. Its volume and your team’s commissions are already updated.")).toBeVisible();
    await expect(page.getByTestId("order-total")).toHaveText("$261.95");
    await page.goto("/dashboard/orders");
    await expect(page.getByRole("link", { name: `#${orderId}` })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: `#${orderId}` })).toContainText("Paid");

    // Dana is the buyer's sponsor, active (she orders every month): level 1 is hers.
    await signInAs(page, demo.distributor.email);
    const line = await earningsLineFor(page, orderId);
    await expect(line).toHaveCount(1);
    await expect(line).toContainText("Level 1");
    await expect(line).toContainText(prospect.name);
    // CV 11900 + 2 × 3900 = 19700 cents (shipping earns nothing); level 1 pays 8%: $15.76.
    await expect(line).toContainText("$15.76");
    await line.getByText("Why this amount").click();
    await expect(line.getByTestId("why")).toHaveText(
      `Order #${orderId} (personal order) by ${prospect.name}, generation 1 of your team: level 1 pays 8% of $197.00 commissionable value = $15.76.`,
    );

    await signInAs(page, demo.admin.email);
    await page.goto(`/admin/orders?q=%23${orderId}`);
    const row = page.getByTestId(`admin-order-${orderId}`);
    await expect(row).toContainText("Paid");
    await expect(row).toContainText("Demo payments");
    await row.getByRole("button", { name: `Refund order #${orderId}` }).click();
    await confirmIn(page, `Refund order #${orderId}?`, /^Refund \$[\d,]+\.\d\d$/);
    await expect(row).toContainText("Refunded");
    await expect(row.getByRole("button", { name: `Refund order #${orderId}` })).toHaveCount(0);

    await signInAs(page, demo.distributor.email);
    await expect(await earningsLineFor(page, orderId)).toHaveCount(0);
  });

  test("a retail customer buys on a referral shop as a guest and pays; the distributor earns level 0", async ({ page }) => {
    await signOutBrowser(page);
    const shop = new ShopPage(page);
    await shop.order({ "Daily Greens": 1 }, "/join/dana-rivers/shop");
    await expect(page.getByRole("heading", { name: "Your order" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("$49.00");
    await shop.fillGuestDetails("Robin Customer", "not-an-email");
    await shop.fillShippingAddress(usAddress);
    await shop.continueToPayment();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    // The refused form keeps what was typed.
    await expect(page.getByLabel("Street address")).toHaveValue(usAddress.line1);
    await page.getByLabel("Email for your receipt").fill(guestEmail("robin"));
    await shop.continueToPayment();
    await page.waitForURL(/\/receipt\/[\w-]{43}$/);
    await expect(shop.statusBadge("Awaiting payment")).toBeVisible();
    const orderId = await shop.orderIdFromReceipt();
    expect(orderId).toBeGreaterThan(0);
    // $49.00 and the US shipping rate.
    await expect(page.getByRole("heading", { name: "Pay $54.95" })).toBeVisible();
    await shop.payWithCard(demoCards.success);
    await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
    await expect(page).toHaveURL(/\/receipt\/[\w-]{43}\?paid=1$/);

    await signInAs(page, demo.distributor.email);
    const line = await earningsLineFor(page, orderId);
    await expect(line).toHaveCount(1);
    // CV 3900 cents, 20% retail share: $7.80, whether or not Dana is active.
    await expect(line).toContainText("Retail share");
    await expect(line).toContainText("$7.80");
    await line.getByText("Why this amount").click();
    await expect(line.getByTestId("why")).toHaveText(`Your retail sale (order #${orderId}): 20% of $39.00 commissionable value = $7.80.`);
    await page.goto("/dashboard/orders?kind=retail");
    const row = page.getByRole("row").filter({ hasText: `#${orderId}` });
    await expect(row).toContainText("Retail: Robin Customer");
    await expect(row).toContainText("Paid");
  });

  test("a double click on Continue to payment makes one order, and on Pay one payment", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const shop = new ShopPage(page);
    await shop.order({ "Hydration Sticks": 1 });
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // The key minted with the page makes a second submit (double click, retry) return the first order.
    await shop.fillShippingAddress(usAddress);
    await page.getByRole("button", { name: "Continue to payment" }).dblclick();
    await page.waitForURL(/\/dashboard\/orders\/\d+\/pay$/);
    const orderId = shop.orderIdFromUrl();
    await page.getByLabel("Card number").fill(demoCards.success);
    await page.getByLabel("Expiry (MM/YY)").fill("12/30");
    await page.getByLabel("Security code").fill("123");
    await shop.payButton.dblclick();
    await page.waitForURL(/\/dashboard\/orders\/\d+(\?placed=1)?$/);
    expect(shop.orderIdFromUrl()).toBe(orderId);
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await page.goto("/dashboard/orders?kind=personal");
    const newest = await page.getByRole("row").nth(1).getByRole("link").textContent();
    expect(newest).toBe(`#${orderId}`);
    const second = await page.getByRole("row").nth(2).getByRole("link").textContent();
    expect(second).not.toBe(`#${orderId + 1}`);
  });

  test("bad quantities and an empty cart get a clear message", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    await page.goto("/shop/review?qty-1=abc");
    await expect(page.getByText("Quantities must be whole numbers from 0 to 99.")).toBeVisible();
    await page.goto("/shop/review");
    await expect(page.getByText("Choose a quantity for at least one product.")).toBeVisible();
    await page.goto("/shop/review?qty-999999=2");
    await expect(page.getByText("Some products are no longer available")).toBeVisible();
    await expect(page.getByRole("button", { name: "Continue to payment" })).toHaveCount(0);
    // The same on a referral shop, signed out.
    await signOutBrowser(page);
    await page.goto("/join/dana-rivers/shop/review?qty-1=abc");
    await expect(page.getByText("Quantities must be whole numbers from 0 to 99.")).toBeVisible();
    await page.goto("/join/dana-rivers/shop/review");
    await expect(page.getByText("Choose a quantity for at least one product.")).toBeVisible();
  });

  test("another distributor's order, and its pay page, are a 404", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const shop = new ShopPage(page);
    await shop.order({ "Steel Shaker Bottle": 1 });
    await shop.checkout();
    const orderId = shop.orderIdFromUrl();
    await newBuyer(page, "Stranger");
    // Unpaid, then paid: neither is the stranger's to see or to pay.
    expect((await page.goto(`/dashboard/orders/${orderId}/pay`))?.status()).toBe(404);
    expect((await page.goto(`/dashboard/orders/${orderId}`))?.status()).toBe(404);
    await signInAs(page, demo.distributor.email);
    await page.goto(`/dashboard/orders/${orderId}/pay`);
    await shop.pay();
    await newBuyer(page, "Stranger");
    expect((await page.goto(`/dashboard/orders/${orderId}`))?.status()).toBe(404);
    expect((await page.goto("/dashboard/orders/not-a-number"))?.status()).toBe(404);
  });

  test("a member cancels a paid order within the cooling-off window: refunded, and the sponsor's line is gone", async ({ page }) => {
    const buyer = await newBuyer(page, "Canceller");
    const shop = new ShopPage(page);
    await shop.order({ "Omega-3 Softgels": 1 });
    await shop.checkout(usAddress);
    const orderId = shop.orderIdFromUrl();
    // Unpaid, there is nothing to cancel yet: the order waits for its payment.
    await page.goto(`/dashboard/orders/${orderId}`);
    await expect(page.getByText("This order is waiting for its payment.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel and refund this order" })).toHaveCount(0);
    await page.getByRole("link", { name: "Pay now" }).click();
    await shop.pay();

    await signInAs(page, demo.distributor.email);
    await expect(await earningsLineFor(page, orderId)).toHaveCount(1);

    await signInWith(page, buyer.email, buyer.password);
    const pv = page.getByTestId("card-pv").locator("p").first();
    await page.goto("/dashboard");
    const pvBefore = (await pv.textContent())!.trim();
    expect(pvBefore).not.toBe("0");
    await page.goto(`/dashboard/orders/${orderId}`);
    await expect(page.getByRole("heading", { name: "Changed your mind?" })).toBeVisible();
    const cancel = page.getByRole("button", { name: "Cancel and refund this order" });
    const title = `Cancel order #${orderId}?`;
    // The dialog states the effect in numbers: the money back, the PV now and after, this period's estimate.
    await cancel.click();
    const dialog = confirmDialog(page, title);
    await expect(dialog).toContainText(/\$[\d,]+\.\d\d goes back to the card it was paid with\./);
    await expect(dialog).toContainText(new RegExp(`Your \\w+ \\d{4} PV drops from ${pvBefore} to 0`));
    await expect(dialog).toContainText(/your estimate (stays at|drops by) \$[\d,]+\.\d\d/);
    await expect(dialog.getByRole("button", { name: "Go back" })).toBeFocused();
    // Going back changes nothing: the order is still paid and the PV is as it was.
    await goBackFrom(page, title);
    await page.reload();
    await expect(shop.statusBadge("Paid")).toBeVisible();
    await page.goto("/dashboard");
    await expect(pv).toHaveText(pvBefore);
    await page.goto(`/dashboard/orders/${orderId}`);
    await cancel.click();
    await confirmIn(page, title, "Cancel the order");
    // The result is a toast in the page's polite live region (a status); the order's state stays on the page.
    const toast = page.locator('[aria-live="polite"]').getByTestId("flash-cancelled");
    await expect(toast).toContainText("Your order is cancelled");
    expect(await seriousAxeViolations(page), "the toast is readable").toEqual([]);
    await expect(shop.statusBadge("Cancelled")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/dashboard/orders/${orderId}$`));
    await page.reload();
    await expect(shop.statusBadge("Cancelled")).toBeVisible();
    await expect(toast).toHaveCount(0);
    await expect(page.getByText("Cancelled within the cooling-off window")).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel and refund this order" })).toHaveCount(0);

    await signInAs(page, demo.distributor.email);
    await expect(await earningsLineFor(page, orderId)).toHaveCount(0);
    await signInAs(page, demo.admin.email);
    await page.goto(`/admin/orders?q=%23${orderId}`);
    await expect(page.getByTestId(`admin-order-${orderId}`)).toContainText("Cancelled");
  });
});
