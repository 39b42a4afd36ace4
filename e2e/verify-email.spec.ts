import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { startSmtpServer, type TestSmtpServer } from "../tests/smtp";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo } from "./fixtures";
import { JoinPage, newProspect, type Prospect } from "./pages/join-page";
import { startServer, type RunningServer } from "./server";

// Email verification through real mail: a server of its own sends over SMTP
// to a test SMTP server (tests/smtp.ts), and the spec follows the link it reads there.

let smtp: TestSmtpServer;
let server: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = await startSmtpServer();
  server = await startServer("verify", { SMTP_URL: smtp.url });
});
test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** The `n`th message (1-based) to `address`, waiting for it. */
async function mailTo(address: string, n = 1): Promise<ParsedMail> {
  const mine = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(address));
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
  return mine()[n - 1]!;
}

function verificationLink(mail: ParsedMail): string {
  const match = /https?:\/\/[^\s"<>]+\/verify-email\?token=[A-Za-z0-9_-]{43}/.exec(mail.text ?? "");
  expect(match, "the email carries a verification link").not.toBeNull();
  return match![0];
}

async function signIn(page: Page, email: string, password: string, path = "/sign-in") {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function joinDana(page: Page, label: string): Promise<Prospect> {
  const prospect = newProspect(label);
  const join = new JoinPage(page);
  await page.goto(`${server.url}/join/dana-rivers`);
  await join.signUp(prospect);
  await expect(join.checkInbox).toContainText("Check your inbox");
  await expect(join.checkInbox).toContainText(prospect.email);
  return prospect;
}

test("a prospect joins through Dana's link, confirms from the email, and Dana finds them in her team", async ({ page }) => {
  const prospect = await joinDana(page, "Verified");
  const mail = await mailTo(prospect.email);
  expect(mail.subject).toMatch(/^Confirm your email/);
  expect(mail.text).toContain(`join ${demo.distributor.name}’s team`);
  const link = verificationLink(mail);
  expect(link.startsWith(server.url)).toBe(true);

  // Opening the link uses nothing up (mail scanners open links too): twice, the same button.
  await page.goto(link);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your email" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL(/\/sign-in\?verified=1/);
  await expect(page.getByTestId("email-verified")).toContainText("Your email is confirmed");

  await page.getByLabel("Email").fill(prospect.email);
  await page.getByLabel("Password").fill(prospect.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
  await expect(page.getByTestId("welcome-banner")).toContainText(`Your sponsor is ${demo.distributor.name}.`);
  await expect(page.getByTestId("verify-banner")).toHaveCount(0);

  // Used: the link now explains itself.
  await page.goto(link);
  await expect(page.getByTestId("verify-link-invalid")).toBeVisible();

  // Dana was told by email, and finds them in her first generation.
  // (Among her other mail: the demo's history sends receipts too.)
  await expect
    .poll(() => smtp.received.filter((m) => JSON.stringify(m.to).includes(demo.distributor.email)).map((m) => m.subject), { timeout: 20_000 })
    .toContain(`${prospect.name} joined your team`);
  await page.context().clearCookies();
  await signIn(page, demo.distributor.email, demo.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`${server.url}/dashboard/team?q=${encodeURIComponent(prospect.name)}`);
  await expect(page.getByText(prospect.name).first()).toBeVisible();
});

test("an unverified member sees the banner on every page, cannot order, and gets a new link that replaces the old", async ({ page }) => {
  const prospect = await joinDana(page, "Waiting");
  const first = verificationLink(await mailTo(prospect.email));
  await signIn(page, prospect.email, prospect.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  const banner = page.getByTestId("verify-banner");
  await expect(banner).toContainText(`Confirm your email to join ${demo.distributor.name}’s team.`);
  await expect(banner).toContainText(prospect.email);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.goto(`${server.url}/dashboard/team`);
  await expect(page.getByTestId("no-distributor")).toContainText("Your team starts when you confirm your email");
  await page.goto(`${server.url}/shop`);
  await expect(page.getByTestId("shop-no-distributor")).toContainText("Confirm your email first");
  for (const path of ["/dashboard/orders", "/dashboard/earnings", "/dashboard/team/tree"]) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(200);
    await expect(banner).toBeVisible();
  }

  await banner.getByRole("button", { name: "Resend the link" }).click();
  await expect(banner.getByTestId("form-message")).toContainText("We sent a new link");
  await banner.getByRole("button", { name: "Resend the link" }).click();
  await expect(banner.getByTestId("form-message")).toContainText("Wait a minute");
  const second = verificationLink(await mailTo(prospect.email, 2));
  expect(second).not.toBe(first);

  await page.goto(first);
  await expect(page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
  await expect(page.getByTestId("verify-link-invalid")).toContainText("Resend the link");
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Signed in, confirming goes straight to the dashboard.
  await page.goto(second);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
  await expect(page.getByTestId("welcome-banner")).toContainText(`Your sponsor is ${demo.distributor.name}.`);
  await expect(banner).toHaveCount(0);
});

test("@phone the check-inbox answer, the banner and the confirmation page fit 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const prospect = await joinDana(page, "Phone");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  const link = verificationLink(await mailTo(prospect.email));
  await page.goto(link);
  await expect(page.getByRole("button", { name: "Confirm my email" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await signIn(page, prospect.email, prospect.password);
  await expect(page.getByTestId("verify-banner")).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});
