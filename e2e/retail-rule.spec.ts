import type { Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, test } from "./fixtures";
import { AdminPlanPage } from "./pages/admin-pages";
import { confirmDialog, confirmIn } from "./pages/confirm-dialog";
import { uniqueIp } from "./pages/join-page";

// The retail rule end to end: the admin turns it on in the plan editor (publishing asks
// first), both forms (a share of PV, and a number of retail customers), a distributor sees
// them on the dashboard as requirements with progress, the admin reads the retail-sales
// report; then the rule is turned off again, which gives the open
// period exactly its lines from before (docs/commissions.md "The retail rule"), so the
// specs that run later see the demo company as it was.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

async function publishRetailRule(page: Page, on: { share: boolean; customers: boolean }) {
  const plan = new AdminPlanPage(page);
  await plan.goto();
  await page.getByLabel("Require retail sales for level pay").setChecked(on.share);
  if (on.share) await page.getByLabel("Retail share of PV needed (%)").fill("70");
  await page.getByLabel("Require retail customers for level pay").setChecked(on.customers);
  if (on.customers) await page.getByLabel("Retail customers needed (1 to 100)").fill("3");
  await page.getByRole("button", { name: "Publish plan" }).click();
  const title = /^Publish version \d+\?$/;
  await expect(confirmDialog(page, title)).toBeVisible();
  await confirmIn(page, title, "Publish");
  await expect(plan.message).toContainText(/Version \d+ is published/);
}

test("the admin turns the retail rule on; a distributor sees the requirement; the admin reads the report", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await new AdminPlanPage(page).goto();
  // Turned on without a share, the editor asks for one and publishes nothing.
  await page.getByLabel("Require retail sales for level pay").check();
  await page.getByLabel("Retail share of PV needed (%)").fill("0");
  await page.getByRole("button", { name: "Publish plan" }).click();
  await confirmIn(page, /^Publish version \d+\?$/, "Publish");
  await expect(page.getByText("above 0%, or turn the retail rule off")).toBeVisible();
  // So does the customer form without a number of customers.
  await page.getByLabel("Retail share of PV needed (%)").fill("70");
  await page.getByLabel("Require retail customers for level pay").check();
  await page.getByLabel("Retail customers needed (1 to 100)").fill("0");
  await page.getByRole("button", { name: "Publish plan" }).click();
  await confirmIn(page, /^Publish version \d+\?$/, "Publish");
  await expect(page.getByText("from 1 to 100, or turn the customer rule off")).toBeVisible();
  await expect(page.getByLabel("Retail customers needed (1 to 100)")).toHaveAttribute("aria-invalid", "true");

  await publishRetailRule(page, { share: true, customers: true });
  await new AdminPlanPage(page).goto();
  await expect(page.getByLabel("Require retail sales for level pay")).toBeChecked();
  await expect(page.getByLabel("Retail share of PV needed (%)")).toHaveValue("70");
  await expect(page.getByLabel("Require retail customers for level pay")).toBeChecked();
  await expect(page.getByLabel("Retail customers needed (1 to 100)")).toHaveValue("3");

  await page.goto("/admin/retail");
  await expect(page.getByRole("heading", { name: "Retail sales" })).toBeVisible();
  const totals = page.getByTestId("retail-totals");
  await expect(totals).toContainText("Retail CV");
  await expect(totals).toContainText("70% of PV");
  await expect(totals).toContainText(/3 customer\(s\); \d+ distributor\(s\) who ordered fail it/);
  await expect(page.getByRole("columnheader", { name: "Customer rule" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Retail sales by distributor" })).toBeVisible();
  await page.getByRole("link", { name: "Retail share, lowest first" }).click();
  await expect(page).toHaveURL(/sort=share-asc/);
  await expect(page.getByText("Retail share, lowest first")).toHaveAttribute("aria-current", "true");

  await signInAs(page, demo.distributor.email);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/dashboard");
  const card = page.getByTestId("card-retail-rule");
  await expect(card).toContainText(/Retail: [\d.]+% of your volume from customers, 70% needed\.|No volume yet this period/);
  await expect(card.getByRole("progressbar", { name: "Retail PV (sales to your customers)" })).toBeVisible();
  const customers = page.getByTestId("card-retail-customers");
  await expect(customers).toContainText(/\d+ of 3 retail customers this period\./);
  await expect(customers.getByRole("progressbar", { name: "Retail customers (different people who bought from you)" })).toBeVisible();
  await expect(customers).toContainText(/Met: you can be paid on your team's orders\.|Not met: until it is/);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("the admin turns the retail rule off again; the requirements leave the dashboard", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await publishRetailRule(page, { share: false, customers: false });
  await signInAs(page, demo.distributor.email);
  await expect(page.getByTestId("dashboard-summary")).toBeVisible();
  await expect(page.getByTestId("card-retail-rule")).toHaveCount(0);
  await expect(page.getByTestId("card-retail-customers")).toHaveCount(0);
});
