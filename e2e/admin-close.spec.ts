import { demo, expect, test } from "./fixtures";
import { signInAs } from "./pages/admin-pages";
import { confirmIn } from "./pages/confirm-dialog";

// Closes the open (current) month: every other spec counts on it being open, so
// this spec is a Playwright project of its own that runs after them all
// (playwright.config.ts).

test("an admin closes the oldest open period and marks its payouts paid", async ({ page }) => {
  await signInAs(page, demo.admin.email, demo.password);
  await page.goto("/admin/periods");
  const card = page
    .locator('li[data-testid^="period-"]')
    .filter({ has: page.getByRole("button", { name: /^Close / }) })
    .last();
  const testId = (await card.getAttribute("data-testid"))!;
  const label = (await card.getByRole("heading").textContent())!;
  await card.getByRole("button", { name: `Close ${label}` }).click();
  await confirmIn(page, `Close ${label}?`, `Close ${label}`);
  const closed = page.getByTestId(testId);
  await expect(closed.getByText("Closed", { exact: true })).toBeVisible();
  await closed.getByRole("link", { name: `Payouts of ${label}` }).click();
  await expect(page.getByRole("heading", { name: `Payouts: ${label}` })).toBeVisible();
  await page.getByRole("button", { name: `Mark ${label} paid` }).click();
  await confirmIn(page, `Mark ${label} paid?`, "Mark paid");
  await expect(page.getByTestId("paid-note")).toContainText(`by ${demo.admin.name}`);
  await page.goto("/admin/audit?entity=period");
  await expect(page.getByTestId("audit-period.close").first()).toBeVisible();
});
