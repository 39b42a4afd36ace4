import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";
import { ShopPage, ukAddress } from "./pages/shop-page";

// Each person sees times in their own zone: the browser's at signup (a hidden
// field), then whatever they choose in their account settings.

test.use({ timezoneId: "America/New_York" });

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

test("a member who joins from a New York browser sees times in New York, then chooses Tokyo and sees their order's time there", async ({ page }) => {
  const prospect = newProspect("Zoned");
  const join = new JoinPage(page);
  await join.goto("dana-rivers");
  // Filled by the page's script from the browser's own zone.
  await expect(page.locator('input[type="hidden"][name="timeZone"]')).toHaveValue("America/New_York");
  await join.signUpVerified(prospect);

  await page.goto("/dashboard/account");
  const zone = page.getByRole("combobox", { name: "Time zone" });
  await expect(zone).toHaveValue("America/New_York");

  const shop = new ShopPage(page);
  await shop.order({ "Daily Greens": 1 });
  await shop.checkout(ukAddress);
  const orderId = shop.orderIdFromUrl();
  const placed = page.locator("dt", { hasText: "Placed" }).locator("xpath=following-sibling::dd");
  await page.goto(`/dashboard/orders/${orderId}`);
  await expect(placed).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T$/);

  // A zone that does not exist is refused, and nothing changes.
  await page.goto("/dashboard/account");
  await zone.fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByTestId("account-timeZone-error")).toHaveText("Choose a time zone from the list, such as Europe/Paris or America/New_York.");
  await expect(zone).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(zone).toHaveValue("America/New_York");

  await zone.fill("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByTestId("time-zone-saved")).toHaveText("Saved. Times are shown in Asia/Tokyo now.");
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await horizontalOverflow(page)).toBe(0);

  await page.goto(`/dashboard/orders/${orderId}`);
  await expect(placed).toHaveText(/, \d{1,2}:\d{2} [AP]M GMT\+9$/);

  // The period is a UTC month whatever the member's zone, and says so.
  await page.goto("/dashboard");
  await expect(page.getByTestId("period-bounds")).toHaveText(/^[A-Z][a-z]+ \d{4} · runs 1 [A-Z][a-z]{2} 00:00 to \d{2} [A-Z][a-z]{2} 23:59 UTC$/);
});
