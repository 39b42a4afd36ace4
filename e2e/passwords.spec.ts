import type { Browser, Page } from "@playwright/test";
import { seriousAxeViolations, horizontalOverflow } from "./axe";
import { expect, signOutBrowser, test } from "./fixtures";
import { linkFromOutbox } from "./outbox";
import { JoinPage, newProspect, uniqueIp, type Prospect } from "./pages/join-page";

// Issue 17, point 3: "Forgot your password?" from the sign-in page to a new
// password, with the link read from the outbox; and a password change in
// account settings that keeps this session and ends the others. Each test
// works on a distributor it signs up itself: the demo accounts' passwords are
// what the other specs sign in with.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** Joins, confirms the email with the link from the outbox, and signs in: a member with a place in the team. */
async function joinAs(page: Page, browser: Browser, baseURL: string, label: string): Promise<Prospect> {
  const prospect = newProspect(label);
  const join = new JoinPage(page);
  await join.goto();
  await join.signUp(prospect);
  await expect(join.checkInbox).toContainText("Check your inbox");
  await page.goto(await linkFromOutbox(browser, baseURL, prospect.email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByTestId("email-verified")).toBeVisible();
  await page.getByLabel("Email").fill(prospect.email);
  await page.getByLabel("Password").fill(prospect.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  return prospect;
}

test("forgot password: from the sign-in page to a new password, with the link from the outbox; the old password no longer works", async ({
  page,
  browser,
  baseURL,
  signInPage,
}) => {
  const member = await joinAs(page, browser, baseURL!, "Forgetful");
  await signOutBrowser(page);

  await signInPage.goto();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByLabel("Email").fill(member.email.toUpperCase());
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  const neutral = "If an account uses that address, we have sent a link to it. It works once, for an hour.";
  await expect(page.getByTestId("form-success")).toHaveText(neutral);
  // An address nobody has gets exactly the same answer.
  await page.getByLabel("Email").fill("nobody.at.all@example.test");
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByLabel("Email")).toHaveValue("nobody.at.all@example.test");
  await expect(page.getByTestId("form-success")).toHaveText(neutral);

  const link = await linkFromOutbox(browser, baseURL!, member.email, "/reset-password");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(`For ${member.email}`)).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  // Two different passwords: refused, and the link still works.
  await page.getByLabel("New password", { exact: true }).fill("my new passphrase");
  await page.getByLabel("New password again").fill("my new passphrasf");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords do not match.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("my new passphrase");
  await page.getByLabel("New password again").fill("my new passphrase");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1$/);
  await expect(page.getByTestId("form-success")).toContainText("Sign in with your new password.");

  // The old password fails; the new one opens the dashboard.
  await signInPage.signIn(member.email, member.password);
  await expect(signInPage.error).toContainText("do not match an account");
  await signInPage.signIn(member.email, "my new passphrase");
  await expect(page).toHaveURL(/\/dashboard$/);

  // The link worked once.
  await signOutBrowser(page);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("account settings: changing the password keeps this session signed in and signs out another device", async ({ page, browser, baseURL }) => {
  const member = await joinAs(page, browser, baseURL!, "Changer");
  // The same account signed in on another device.
  const other = await browser.newContext({ baseURL });
  const phone = await other.newPage();
  await phone.goto("/sign-in");
  await phone.getByLabel("Email").fill(member.email);
  await phone.getByLabel("Password").fill(member.password);
  await phone.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(phone).toHaveURL(/\/dashboard$/);

  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/dashboard\/account$/);
  await expect(page.getByRole("heading", { name: "Account settings" })).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText(member.email);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByLabel("Current password").first().fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("another passphrase");
  await page.getByLabel("New password again").fill("another passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").first().fill(member.password);
  await page.getByLabel("New password", { exact: true }).fill("another passphrase");
  await page.getByLabel("New password again").fill("another passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/dashboard\/account\?changed=password$/);
  await expect(page.getByTestId("password-changed")).toContainText("You are still signed in here");
  // Still signed in here ...
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  // ... and signed out on the other device.
  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/sign-in/);
  await other.close();
});

test("@phone the new pages fit a 360 px phone", async ({ page, browser, baseURL }) => {
  await joinAs(page, browser, baseURL!, "Phone");
  await page.goto("/dashboard/account");
  await expect(page.getByRole("heading", { name: "Account settings" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await signOutBrowser(page);
  for (const path of ["/forgot-password", "/reset-password?token=expired", "/confirm-email?token=expired"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page), path).toEqual([]);
  }
});
