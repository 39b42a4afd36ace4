import type { Page, Response } from "@playwright/test";
import { demo, expect, signInAs, test } from "./fixtures";
import { ErrorPage, injectedMessage } from "./pages/error-page";

// Issue 14: a failure shows a friendly page with the reference the server log
// has, inside the frame of the part that failed, and never the error itself.

/** A stack line as Node or a browser prints it: "at fn (file:12:34)" or "fn@file:12:34". */
const stackLine = /\bat \S+ \(?\S+:\d+:\d+\)?|@\S+:\d+:\d+/;

/** Neither the page a reader sees nor the HTML the server sent holds the message or a stack. */
async function expectNothingLeaked(errors: ErrorPage, response: Response | null): Promise<void> {
  const text = await errors.visibleText();
  expect(text).not.toContain(injectedMessage);
  expect(text).not.toMatch(stackLine);
  expect(response, "the navigation's response").not.toBeNull();
  const html = (await response?.text()) ?? "";
  expect(html).not.toContain(injectedMessage);
  expect(html).not.toMatch(stackLine);
}

async function expectFriendly(errors: ErrorPage, title: string): Promise<void> {
  await expect(errors.heading(title)).toBeVisible();
  await expect(errors.panel).toContainText("Your data is safe");
  // The digest Next prints next to the error in the server log.
  await expect(errors.reference).toHaveText(/^\w+$/);
  await expect(errors.panel).toContainText("quote it to support");
  await expect(errors.tryAgain).toBeVisible();
  await expect(errors.homeLink).toHaveAttribute("href", "/");
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" }).first();

test.describe("error pages", () => {
  test("a failing page shows the friendly page inside the portal, and Try again recovers", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const errors = new ErrorPage(page);
    await errors.breakServer("page");
    const response = await page.goto("/dashboard");
    await expectFriendly(errors, "This page could not be loaded");
    // The portal's frame is still there: only the page failed.
    await expect(page.getByTestId("company-name")).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: "Orders" })).toBeVisible();
    await expectNothingLeaked(errors, response);

    await errors.healServer();
    await errors.tryAgain.click();
    await expect(page.getByRole("heading", { name: `Welcome, ${demo.distributor.name}` })).toBeVisible();
    await expect(errors.panel).toHaveCount(0);
  });

  test("a failing portal frame shows the page alone, and the way home works", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const errors = new ErrorPage(page);
    await errors.breakServer("portal-layout");
    const response = await page.goto("/dashboard/orders");
    await expectFriendly(errors, "This page could not be loaded");
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expectNothingLeaked(errors, response);

    await errors.healServer();
    await errors.homeLink.click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: `Welcome, ${demo.distributor.name}` })).toBeVisible();
  });

  test("a failing public page keeps the join pages' frame", async ({ page }) => {
    const errors = new ErrorPage(page);
    await errors.breakServer("page");
    const response = await page.goto("/join");
    await expectFriendly(errors, "This page could not be loaded");
    await expect(page.getByTestId("company-name")).toBeVisible();
    await expect(page.getByRole("link", { name: "Member sign in" })).toBeVisible();
    await expectNothingLeaked(errors, response);
  });

  test("a failing root layout shows the global error page, a styled document of its own", async ({ page }) => {
    const errors = new ErrorPage(page);
    await errors.breakServer("root-layout");
    const response = await page.goto("/agreement");
    expect(response?.status()).toBe(500);
    await expectFriendly(errors, "Lineage could not be loaded");
    await expect(page).toHaveTitle("Something went wrong · Lineage");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The stylesheet came with it: the button has its colour, not the browser's grey.
    const background = await errors.tryAgain.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toMatch(/^rgba?\((0, 0, 0, 0|239, 239, 239|240, 240, 240)/);
    await expectNothingLeaked(errors, response);

    await errors.healServer();
    await errors.tryAgain.click();
    await expect(page.getByTestId("agreement-version")).toBeVisible();
  });

  test("@phone the error pages fit 360 px", async ({ page }) => {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await signInAs(page, demo.distributor.email);
    const errors = new ErrorPage(page);
    await errors.breakServer("page");
    await page.goto("/dashboard");
    await expectFriendly(errors, "This page could not be loaded");
    expect(await overflow()).toBeLessThanOrEqual(0);

    await errors.breakServer("root-layout");
    await page.goto("/dashboard");
    await expectFriendly(errors, "Lineage could not be loaded");
    expect(await page.evaluate(() => window.innerWidth)).toBe(360);
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
