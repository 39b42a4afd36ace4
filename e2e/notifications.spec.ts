import { signUnsubscribeToken } from "../lib/mail/unsubscribe-token";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { e2eServerEnv } from "./server";

// The bell, the notifications page, the settings and the unsubscribe link.
// The demo seed welcomes each demo sign-in with one notification (db/seed/demo.ts).

/** The demo distributor's user id: the admin is the first user seeded, the house account the second, Dana the third. */
const danaUserId = 3;
const secret = e2eServerEnv("unused").AUTH_SECRET!;

test.describe("notifications", () => {
  test("the bell's count, the list, marking the welcome read, and the count drops", async ({ page }) => {
    // The demo admin: no team and no sales, so no other spec's orders or signups notify them.
    await signInAs(page, demo.admin.email);
    const bell = page.getByRole("link", { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
    await expect(page.getByTestId("notification-badge")).toHaveText("1");
    await bell.click();
    await expect(page).toHaveURL(/\/dashboard\/notifications$/);
    await expect(page.getByRole("heading", { name: "Notifications", exact: true })).toBeVisible();
    const welcome = page.getByTestId("notification").filter({ hasText: "Welcome to Verdant Wellness (demo)" });
    await expect(welcome).toHaveAttribute("data-read", "false");
    await expect(welcome.getByRole("link", { name: "Welcome to Verdant Wellness (demo)" })).toHaveAttribute("href", "/dashboard/notifications/settings");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await welcome.getByRole("button", { name: /^Mark read/ }).click();
    await expect(welcome).toHaveAttribute("data-read", "true");
    await expect(page.getByRole("link", { name: /^Notifications/ })).toHaveAccessibleName("Notifications");
    await expect(page.getByTestId("notification-badge")).toHaveCount(0);
    await expect(page.getByTestId("unread-summary")).toHaveText("Nothing unread.");
    // Bad page numbers show the first page, never an error.
    for (const bad of ["0", "-1", "abc", "99999999999", "%00"]) {
      const response = await page.goto(`/dashboard/notifications?page=${bad}`);
      expect(response?.status(), bad).toBe(200);
      await expect(page.getByTestId("notification")).toHaveCount(1);
    }
  });

  test("past nine unread, the badge says 9+ and the bell's name the number", async ({ page }) => {
    // Dana, whose team other specs grow (each new member notifies her), has the welcome and more.
    await signInAs(page, demo.distributor.email);
    const badge = page.getByTestId("notification-badge");
    await expect(badge).toBeVisible();
    const shown = (await badge.textContent()) ?? "";
    const name = await page.getByRole("link", { name: /^Notifications/ }).textContent();
    const count = Number(/Notifications, (\d+) unread/.exec(name ?? "")?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(shown).toBe(count > 9 ? "9+" : String(count));
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  test("the demo distributor changes a preference, and it stays changed", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    await page.goto("/dashboard/notifications");
    await page.getByRole("link", { name: "Notification settings" }).first().click();
    await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
    // Receipts always go: no choice is offered.
    await expect(page.getByTestId("essential-order_receipt")).toHaveText("Always sent");
    await expect(page.getByRole("combobox", { name: "Order receipts: email" })).toHaveCount(0);
    const rank = page.getByRole("combobox", { name: "Rank advancements: email" });
    // The default, unless an earlier attempt of this test saved its change already.
    await expect(rank).toHaveValue(/^(instant|digest)$/);
    await rank.selectOption("digest");
    await page.getByRole("combobox", { name: "Payouts: in the portal" }).selectOption("off");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("preferences-saved")).toHaveText("Your notification settings are saved.");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Rank advancements: email" })).toHaveValue("digest");
    await expect(page.getByRole("combobox", { name: "Payouts: in the portal" })).toHaveValue("off");
  });

  test("an email's unsubscribe link works signed out; a forged one changes nothing", async ({ page }) => {
    await signOutBrowser(page);
    const forged = signUnsubscribeToken("not-the-secret-0123456789abcdef0123456789", danaUserId, "announcement");
    await page.goto(`/unsubscribe?token=${encodeURIComponent(forged)}`);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(secret, danaUserId, "announcement"))}`);
    await expect(page.getByRole("heading", { name: "Stop emails about company announcements?" })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(page.getByTestId("unsubscribed")).toContainText("You will get no more emails about company announcements.");

    // The one-click POST a mail client sends (no cookies): the same effect, for another kind.
    const oneClick = await page.request.post(`/unsubscribe/one-click?token=${encodeURIComponent(signUnsubscribeToken(secret, danaUserId, "payout_paid"))}`, {
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(oneClick.status()).toBe(200);
    const refused = await page.request.post(`/unsubscribe/one-click?token=${encodeURIComponent(forged)}`, { form: { "List-Unsubscribe": "One-Click" } });
    expect(refused.status()).toBe(400);

    await signInAs(page, demo.distributor.email);
    await page.goto("/dashboard/notifications/settings");
    await expect(page.getByRole("combobox", { name: "Company announcements: email" })).toHaveValue("off");
    await expect(page.getByRole("combobox", { name: "Payouts: email" })).toHaveValue("off");
  });

  test("the notification pages and the unsubscribe page fit a phone @phone", async ({ page }) => {
    await signInAs(page, demo.admin.email);
    await expect(page.getByRole("link", { name: /^Notifications/ })).toBeVisible();
    for (const path of ["/dashboard/notifications", "/dashboard/notifications/settings"]) {
      await page.goto(path);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page), path).toEqual([]);
    }
    await signOutBrowser(page);
    await page.goto(`/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(secret, 1, "team_join"))}`);
    await expect(page.getByRole("heading", { name: "Stop emails about new member on your team?" })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
