import type { Page } from "@playwright/test";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";
import { ShopPage } from "./pages/shop-page";

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

test.describe("orders pay the upline", () => {
  test("a new member orders; their sponsor's earnings explain the line; an admin refund removes it", async ({ page }) => {
    const prospect = newProspect("Buyer");
    await signOutBrowser(page);
    await new JoinPage(page).goto("dana-rivers");
    await new JoinPage(page).signUp(prospect);
    await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);

    const shop = new ShopPage(page);
    await shop.order({ "Starter Kit": 1, "Daily Greens": 2 });
    await expect(page.getByRole("heading", { name: "Review your order" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("$247.00");
    await expect(page.getByTestId("cart-pv")).toHaveText("200 PV");
    await shop.confirm();
    await expect(page.getByText("Thank you: your order is placed and paid.")).toBeVisible();
    const orderId = shop.orderIdFromUrl();
    await page.goto("/dashboard/orders");
    await expect(page.getByRole("link", { name: `#${orderId}` })).toBeVisible();

    // Dana is the buyer's sponsor, active (she orders every month): level 1 is hers.
    await signInAs(page, demo.distributor.email);
    const line = await earningsLineFor(page, orderId);
    await expect(line).toHaveCount(1);
    await expect(line).toContainText("Level 1");
    await expect(line).toContainText(prospect.name);
    // CV 11900 + 2 × 3900 = 19700 cents; level 1 pays 8%: $15.76.
    await expect(line).toContainText("$15.76");
    await line.getByText("Why this amount").click();
    await expect(line.getByTestId("why")).toHaveText(
      `Order #${orderId} (personal order) by ${prospect.name}, generation 1 of your team: level 1 pays 8% of its commissionable value.`,
    );

    await signInAs(page, demo.admin.email);
    await page.goto(`/admin/orders?q=%23${orderId}`);
    const row = page.getByTestId(`admin-order-${orderId}`);
    await row.getByRole("button", { name: "Refund" }).click();
    await expect(row).toContainText("Refunded");
    await expect(row.getByRole("button", { name: "Refund" })).toHaveCount(0);

    await signInAs(page, demo.distributor.email);
    await expect(await earningsLineFor(page, orderId)).toHaveCount(0);
  });

  test("a retail customer buys on a referral shop as a guest; the distributor earns level 0", async ({ page }) => {
    await signOutBrowser(page);
    const shop = new ShopPage(page);
    await shop.order({ "Daily Greens": 1 }, "/join/dana-rivers/shop");
    await expect(page.getByRole("heading", { name: "Your order" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("$49.00");
    await page.getByLabel("Your name").fill("Robin Customer");
    await page.getByLabel("Email for your receipt").fill("not-an-email");
    await page.getByRole("button", { name: "Buy now" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await page.getByLabel("Email for your receipt").fill("robin@example.net");
    await page.getByRole("button", { name: "Buy now" }).click();
    await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
    const orderId = Number(new URL(page.url()).searchParams.get("order"));
    expect(orderId).toBeGreaterThan(0);

    await signInAs(page, demo.distributor.email);
    const line = await earningsLineFor(page, orderId);
    await expect(line).toHaveCount(1);
    // CV 3900 cents, 20% retail share: $7.80, whether or not Dana is active.
    await expect(line).toContainText("Retail share");
    await expect(line).toContainText("$7.80");
    await line.getByText("Why this amount").click();
    await expect(line.getByTestId("why")).toHaveText(`Your retail sale (order #${orderId}): 20% of its commissionable value.`);
    await page.goto("/dashboard/orders?kind=retail");
    await expect(page.getByRole("row").filter({ hasText: `#${orderId}` })).toContainText("Retail: Robin Customer");
  });

  test("a double click on Confirm makes one order", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const shop = new ShopPage(page);
    await shop.order({ "Hydration Sticks": 1 });
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // The key minted with the page makes a second submit (double click, retry) return the first order.
    await page.getByRole("button", { name: "Confirm order" }).dblclick();
    await page.waitForURL(/\/dashboard\/orders\/\d+\?placed=1$/);
    const orderId = shop.orderIdFromUrl();
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
  });

  test("another distributor's order is a 404", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const shop = new ShopPage(page);
    await shop.order({ "Steel Shaker Bottle": 1 });
    await shop.confirm();
    const orderId = shop.orderIdFromUrl();
    const prospect = newProspect("Stranger");
    await signOutBrowser(page);
    await new JoinPage(page).goto("lineage");
    await new JoinPage(page).signUp(prospect);
    await expect(page).toHaveURL(/\/dashboard/);
    const response = await page.goto(`/dashboard/orders/${orderId}`);
    expect(response?.status()).toBe(404);
    const bad = await page.goto("/dashboard/orders/not-a-number");
    expect(bad?.status()).toBe(404);
  });
});
