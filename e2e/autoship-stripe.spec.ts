import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signOutBrowser, test } from "./fixtures";
import { uniqueIp } from "./pages/join-page";
import { ShopPage, usAddress } from "./pages/shop-page";
import { e2eServerEnv, startServer, type RunningServer } from "./server";
import { StripeStandIn, standInSecretKey, standInWebhookSecret } from "../tests/stripe-stand-in";

// Autoship with Stripe as the provider, in the browser: a server whose Stripe
// keys point at the local stand-in of Stripe's API (tests/stripe-stand-in.ts).
// Stripe's hosted page is played by the browser's route: the member "types" a
// test card there (the stand-in saves it on the setup session) and Stripe sends
// them back to the success URL, as the real page does.

test.describe("autoship with Stripe", () => {
  let server: RunningServer;
  let stand: StripeStandIn;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    stand = await new StripeStandIn().listen();
    server = await startServer("autoship-stripe", {
      STRIPE_SECRET_KEY: standInSecretKey,
      STRIPE_WEBHOOK_SECRET: standInWebhookSecret,
      STRIPE_API_URL: stand.url,
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await stand?.close();
  });

  test("a member saves a card on Stripe's page, starts an autoship on it, and changes the card through Stripe", async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 360, height: 800 });
    let card = "4242424242424242";
    const setupSessions: string[] = [];
    await page.route("https://checkout.stripe.test/**", async (route) => {
      const id = new URL(route.request().url()).pathname.split("/").pop()!;
      setupSessions.push(id);
      const session = stand.saveCard(id, card);
      await route.fulfill({ status: 303, headers: { location: String(session.success_url) } });
    });

    await signOutBrowser(page);
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill(demo.distributor.email);
    await page.getByLabel("Password").fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    // With Stripe there are no card fields: the card is saved on Stripe's page first.
    await page.goto(`${server.url}/dashboard/autoship`);
    await expect(page.getByRole("heading", { name: "First, save the card it is charged to" })).toBeVisible();
    await expect(page.getByLabel("Card number")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Start autoship" })).toHaveCount(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: "Save a card with Stripe" }).click();
    await expect(page).toHaveURL(/\/dashboard\/autoship\?card_session=cs_test_/);
    await expect(page.getByTestId("autoship-card-notice")).toHaveText(
      "Visa ending 4242 is saved. Now choose what you receive and when, and start your autoship.",
    );
    await expect(page.getByTestId("autoship-saved-card")).toContainText("Visa ending 4242, expires 12/2030, saved with Stripe");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Stripe's webhook for the same save arrives too: answered, and still one card.
    const completed = stand.event("checkout.session.completed", stand.session(setupSessions[0]!));
    const delivered = await fetch(`${server.url}/api/payments/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": stand.sign(completed.payload) },
      body: completed.payload,
    });
    expect(delivered.status).toBe(200);

    await page.locator('input[name^="qty-"]').first().fill("1");
    await page.getByLabel("Country").selectOption("US");
    await page.getByLabel("Full name").fill("Dana Rivers");
    await page.getByLabel("Street address").fill("1 Main Street");
    await page.getByLabel("City").fill("Springfield");
    await page.getByLabel("State").fill("IL");
    await page.getByLabel("ZIP code").fill("62701");
    await page.getByRole("button", { name: "Start autoship" }).click();
    await expect(page.getByTestId("autoship-started")).toBeVisible();
    await expect(page.getByTestId("autoship-next")).toContainText("charged to the card ending 4242");

    // Change card: Stripe's page again, for this autoship; back here, the autoship is charged to the new card.
    card = "4000000000000341";
    await page.getByText(/^Card \(Visa ending 4242/).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Change card with Stripe" }).click();
    await expect(page.getByTestId("autoship-card-notice")).toHaveText("Card saved: the next run is charged to it. (Visa ending 0341)");
    await expect(page.getByTestId("autoship-next")).toContainText("charged to the card ending 0341");
    expect(stand.sessions.get(setupSessions[1]!)?.metadata).toMatchObject({ purpose: "autoship_card", subscription_id: expect.stringMatching(/^\d+$/) });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Back from Stripe without saving: said so, nothing changed.
    await page.goto(`${server.url}/dashboard/autoship?card=cancelled`);
    await expect(page.getByTestId("autoship-card-notice")).toHaveText("No card was saved: you came back from Stripe without saving one.");
    await expect(page.getByTestId("autoship-next")).toContainText("charged to the card ending 0341");
  });

  test("a retail customer pays through Stripe, saves a card on Stripe's page from the receipt, and starts and changes monthly delivery", async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
    let card = "4242424242424242";
    // The server's clock starts at a fixed instant (e2e/server.ts) and runs on: Stripe's (the stand-in's) must agree, as a checkout's expiry is checked against it.
    const serverStart = Date.parse(e2eServerEnv("unused").LINEAGE_CLOCK_START!);
    const since = Date.now();
    stand.clock = () => new Date(serverStart + (Date.now() - since));
    // Stripe's pages: a checkout is paid, a setup session saves the card; then back to the success URL.
    await page.route("https://checkout.stripe.test/**", async (route) => {
      const id = new URL(route.request().url()).pathname.split("/").pop()!;
      const session = stand.session(id).mode === "setup" ? stand.saveCard(id, card) : stand.pay(id);
      await route.fulfill({ status: 303, headers: { location: String(session.success_url) } });
    });

    await signOutBrowser(page);
    const shop = new ShopPage(page);
    await shop.order({ "Daily Greens": 1 }, `${server.url}/join/dana-rivers/shop`);
    await shop.fillGuestDetails("Sam Stripe", `sam.${Date.now().toString(36)}@example.net`);
    await shop.fillShippingAddress(usAddress);
    // With Stripe, the guest goes straight to Stripe's checkout, pays, and comes back to their receipt.
    await shop.continueToPayment();
    await page.waitForURL(/\/receipt\/[\w-]{43}\?paid=1$/);
    const receipt = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();

    // No card fields with Stripe: the card is saved on Stripe's page first, then the day is chosen here.
    const offer = page.getByTestId("customer-autoship-offer");
    await expect(offer.getByLabel("Card number")).toHaveCount(0);
    await expect(offer.getByRole("button", { name: "Start monthly autoship" })).toHaveCount(0);
    await offer.getByRole("button", { name: "Save a card with Stripe" }).click();
    await expect(page.getByTestId("autoship-card-notice")).toHaveText("Visa ending 4242 is saved. Now choose the day and start your autoship.");
    await expect(page.getByTestId("customer-autoship-card")).toContainText("The card: Visa ending 4242, expires 12/2030, saved with Stripe.");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await new ShopPage(page).waitForHydration("#dayOfMonth");
    await page.getByLabel("Day of the month").selectOption("9");
    await page.getByRole("button", { name: "Start monthly autoship" }).click();
    await page.waitForURL(/\/autoship\/manage\/\d+\.1\.[\w-]{43}\?started=1$/);
    await expect(page.getByTestId("autoship-next")).toContainText("charged to the card ending 4242");

    // Another card, through Stripe's page again, for this autoship.
    card = "4000000000000341";
    await page.getByText(/^Card \(Visa ending 4242/).click();
    await page.getByRole("button", { name: "Change card with Stripe" }).click();
    await expect(page.getByTestId("autoship-card-notice")).toHaveText("Card saved: the next run is charged to it. (Visa ending 0341)");
    await expect(page.getByTestId("autoship-next")).toContainText("charged to the card ending 0341");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The receipt now offers the link again, not a second autoship.
    await page.goto(`${server.url}${receipt}`);
    await expect(page.getByTestId("customer-autoship-on")).toBeVisible();
  });
});
