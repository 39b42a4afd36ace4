import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { confirmDialog, confirmIn, goBackFrom } from "./pages/confirm-dialog";
import { uniqueIp } from "./pages/join-page";

// The income disclosure statement: an admin previews and publishes one (the
// dialog's "Go back" publishes nothing); a prospect on a phone follows the join
// page's link to the latest statement and downloads its PDF.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

test("an admin previews the statement over the closed periods and publishes it", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Income disclosure" }).click();
  await expect(page.getByRole("heading", { name: "Income disclosure statement" })).toBeVisible();
  const preview = page.getByTestId("statement-preview");
  await expect(preview.getByTestId("statement-zero")).toContainText("earned nothing");
  await expect(preview.getByRole("table", { name: /Commissions earned over/ })).toBeVisible();
  await expect(preview.getByTestId("statement-methodology")).toContainText("nearest-rank");
  const published = page.getByTestId("published-statements").getByRole("listitem");
  const before = await published.count();
  expect(before).toBeGreaterThanOrEqual(1); // the demo's own

  await page.getByRole("button", { name: "Publish this statement" }).click();
  await expect(confirmDialog(page, "Publish this statement?")).toContainText("cannot be edited or withdrawn");
  await goBackFrom(page, "Publish this statement?");
  await page.reload();
  await expect(published).toHaveCount(before);

  await page.getByRole("button", { name: "Publish this statement" }).click();
  await confirmIn(page, "Publish this statement?", "Publish");
  await expect(page.getByTestId("form-message")).toContainText("is published");
  await page.reload();
  await expect(published).toHaveCount(before + 1);
  await page.goto("/admin/audit?entity=income_statement");
  await expect(page.getByTestId("audit-income_statement.publish").first()).toBeVisible();
});

test("a prospect on a phone reads what distributors really earn from a join page @phone", async ({ page }) => {
  await signOutBrowser(page);
  await page.goto("/join/dana-rivers");
  await page.getByRole("link", { name: "What do distributors really earn?" }).click();
  await expect(page).toHaveURL(/\/income-disclosure$/);
  await expect(page.getByRole("heading", { name: "What do distributors really earn?", level: 1 })).toBeVisible();
  await expect(page.getByTestId("statement-zero")).toContainText("earned nothing");
  await expect(page.getByRole("table", { name: /Commissions earned over/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /paid for their own orders/ })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);

  const href = await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const missing = await page.request.get("/income-disclosure/99999999/pdf");
  expect(missing.status()).toBe(404);

  await page.goto("/agreement");
  await expect(page.getByRole("link", { name: "What do distributors really earn?" })).toHaveAttribute("href", "/income-disclosure");
});
