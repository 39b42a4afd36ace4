import type { Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";

// Referral code squatting (issue 16, point 8) in the browser: the dashboard's
// form refuses reserved words and counts the changes left (3 in any 30 days),
// and an admin's reserved word is refused from then on. Each test signs up a
// distributor of its own (so the demo's codes and limits stay as they were)
// and reserves a word no other spec uses.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** A new distributor under Dana, signed in on their dashboard. */
async function newDistributor(page: Page, label: string): Promise<DashboardPage> {
  await signOutBrowser(page);
  const join = new JoinPage(page);
  await join.goto("dana-rivers");
  await join.signUpVerified(newProspect(label));
  const dashboard = new DashboardPage(page);
  await expect(dashboard.welcome).toBeVisible();
  return dashboard;
}

test("the dashboard refuses reserved words and shows the changes left; after 3 changes it says when the next is possible", async ({ page }) => {
  const dashboard = await newDistributor(page, "Squatter");
  const original = (await dashboard.referralUrl.inputValue()).split("/join/")[1]!;
  await dashboard.openCodeForm();
  await expect(dashboard.codeChangesLeft).toHaveText("3 of 3 code changes left (at most 3 in any 30 days).");

  // The finding's codes: a role, the company's brand, a route; and the brand inside a code.
  for (const [code, word] of [
    ["ceo", "ceo"],
    ["verdant", "verdant"],
    ["login", "login"],
    ["verdantshop", "verdant"],
  ] as const) {
    await dashboard.submitCode(code);
    await expect(page.getByTestId("code-error")).toHaveText(`That code contains “${word}”, which is reserved. Try another.`);
    await expect(page.getByLabel("New code")).toHaveAttribute("aria-invalid", "true");
  }
  await expect(dashboard.referralUrl).toHaveValue(new RegExp(`/join/${original}$`));
  await expect(dashboard.codeChangesLeft).toHaveText("3 of 3 code changes left (at most 3 in any 30 days).");

  const stamp = Date.now().toString(36);
  for (const [n, left] of [
    [1, "2 of 3 code changes left (at most 3 in any 30 days)."],
    [2, "1 of 3 code changes left (at most 3 in any 30 days)."],
  ] as const) {
    await dashboard.submitCode(`squat-${stamp}-${n}`);
    await expect(page.getByTestId("code-message")).toHaveText(
      `Your link now ends in /join/squat-${stamp}-${n}. Links with your old code keep working for 90 days.`,
    );
    await expect(dashboard.codeChangesLeft).toHaveText(left);
  }
  await dashboard.submitCode(`squat-${stamp}-3`);
  await expect(dashboard.referralUrl).toHaveValue(new RegExp(`/join/squat-${stamp}-3$`));
  // The server's clock starts at 2026-06-15T12:00Z (LINEAGE_CLOCK_START): 30 days on.
  await expect(dashboard.codeChangesLeft).toHaveText(
    /^No code changes left \(at most 3 in any 30 days\)\. You can change your code again on Jul 15, 2026, from 1\d:\d\d UTC\.$/,
  );
  await expect(page.getByRole("button", { name: "Save code" })).toBeDisabled();
  await expect(page.getByLabel("New code")).toBeDisabled();

  // The old codes still lead to the distributor.
  await signOutBrowser(page);
  const join = new JoinPage(page);
  await join.goto(original);
  await expect(page).toHaveURL(new RegExp(`/join/squat-${stamp}-3$`));
});

test("an admin reserves a brand word: listed, audited, refused in a distributor's new code, and free again once removed", async ({ page }) => {
  const word = `leaf${Date.now().toString(36)}`;
  await signInAs(page, demo.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Referral codes", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Referral codes" })).toBeVisible();
  await expect(page.getByTestId("code-rules")).toContainText("at most 3 times in any 30 days");
  await expect(page.getByTestId("code-rules")).toContainText("for 90 days after the change");
  await page.getByText("Built-in reserved words").click();
  await expect(page.getByTestId("built-in-words")).toContainText("verdant");
  await expect(page.getByTestId("built-in-words")).toContainText("sign-in");

  // Too short for a brand word: refused with the reason, nothing added.
  await page.getByLabel("Word", { exact: true }).fill("abc");
  await page.getByLabel("Kind").selectOption("brand");
  await page.getByRole("button", { name: "Reserve word" }).click();
  await expect(page.getByTestId("reserved-word-error")).toContainText("Use 4 to 32 letters and digits");
  await expect(page.getByLabel("Word", { exact: true })).toHaveValue("abc");

  await page.getByLabel("Word", { exact: true }).fill(word.toUpperCase());
  await page.getByLabel("Kind").selectOption("brand");
  await page.getByRole("button", { name: "Reserve word" }).click();
  await expect(page.getByText(`New codes cannot contain “${word}” anywhere.`)).toBeVisible();
  const row = page.getByTestId(`reserved-${word}`);
  await expect(row).toContainText("brand word: anywhere in a code");
  await expect(row).toContainText(`by ${demo.admin.name}`);
  expect(await seriousAxeViolations(page), "serious or critical axe violations").toEqual([]);

  await page.goto("/admin/audit?entity=reserved_word");
  await expect(page.getByTestId("audit-referral.reserve_word").first()).toContainText(`Reserved word “${word}”`);

  // A distributor's new code may not contain it, anywhere.
  const dashboard = await newDistributor(page, "Brand");
  await dashboard.openCodeForm();
  await dashboard.submitCode(`my-${word}-picks`);
  await expect(page.getByTestId("code-error")).toHaveText(`That code contains “${word}”, which is reserved. Try another.`);
  await expect(dashboard.codeChangesLeft).toHaveText("3 of 3 code changes left (at most 3 in any 30 days).");

  // Removed (after confirming), the word is free again.
  await signInAs(page, demo.admin.email);
  await page.goto("/admin/referrals");
  await row.locator("summary").click();
  await row.getByRole("button", { name: `Stop reserving ${word}` }).click();
  await expect(row.getByTestId("form-message")).toHaveText("Tick the box to confirm: new codes may use this word again.");
  await row.getByLabel(`New codes may use “${word}” again`).check();
  await row.getByRole("button", { name: `Stop reserving ${word}` }).click();
  await expect(page.getByText(`“${word}” is no longer reserved.`)).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("@phone the audit log's entries and its no-match message fit 360 px, with no serious accessibility violation", async ({ page }) => {
  // An entry of this test's own: a word reserved and released again, so nothing else changes.
  const word = `fit${Date.now().toString(36)}`;
  await signInAs(page, demo.admin.email);
  await page.goto("/admin/referrals");
  await page.getByLabel("Word", { exact: true }).fill(word);
  await page.getByLabel("Kind").selectOption("brand");
  await page.getByRole("button", { name: "Reserve word" }).click();
  const row = page.getByTestId(`reserved-${word}`);
  await row.locator("summary").click();
  await row.getByLabel(`New codes may use “${word}” again`).check();
  await row.getByRole("button", { name: `Stop reserving ${word}` }).click();
  await expect(row).toHaveCount(0);

  await page.goto("/admin/audit?entity=reserved_word");
  const released = page.getByTestId("audit-referral.release_word").first();
  await expect(released).toContainText("Reserved word released");
  await expect(released.getByRole("link", { name: `Reserved word “${word}”` })).toBeVisible();
  await expect(released).toContainText(/Kind\s*Brand/);
  expect(await page.evaluate(() => window.innerWidth)).toBe(360);
  expect(await horizontalOverflow(page), "the audit log scrolls sideways").toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page), "serious or critical axe violations").toEqual([]);

  // Filters that match nothing: one message, no pager.
  await page.goto("/admin/audit?entityId=999999999999");
  await expect(page.getByText("No changes match these filters.")).toBeVisible();
  await expect(page.getByText("No results")).toHaveCount(0);
  await expect(page.getByText("No changes recorded yet.")).toHaveCount(0);
});
