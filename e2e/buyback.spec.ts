import fs from "node:fs";
import { seriousAxeViolations } from "./axe";
import { demo, expect, test } from "./fixtures";
import { AdminDistributorsPage, signInAs, signOutBrowser } from "./pages/admin-pages";
import { confirmDialog, confirmIn, goBackFrom } from "./pages/confirm-dialog";
import { JoinPage, newProspect, uniqueIp, type Prospect } from "./pages/join-page";
import { ShopPage } from "./pages/shop-page";

// Returns and buyback, and the regulator export: a new distributor (so no
// other spec's figures change) buys twice and leaves; they ask to return one
// order, the admin asks for the other on their behalf; the admin approves the
// first through its confirmation (going back changes nothing) and declines
// the second with a reason. The period's commission lines download as CSV and
// JSON, for admins only.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

let leaver: Prospect;
const orderIds: number[] = [];

test("a leaving distributor asks for a buyback, the admin approves it and declines another", async ({ page }) => {
  leaver = newProspect("Leaver");
  await new JoinPage(page).goto("dana-rivers");
  await new JoinPage(page).signUpVerified(leaver);
  const shop = new ShopPage(page);
  const baskets: Record<string, number>[] = [{ "Hydration Sticks": 2 }, { "Omega-3 Softgels": 1 }];
  for (const items of baskets) {
    await shop.order(items);
    await shop.confirm();
    orderIds.push(shop.orderIdFromUrl());
  }
  // Still a distributor: the returns page says a buyback is for those who leave.
  await page.goto("/dashboard/orders/returns");
  await expect(page.getByText("A buyback is for distributors who are leaving.")).toBeVisible();

  // The admin ends the distributorship.
  await signInAs(page, demo.admin.email, demo.password);
  const list = new AdminDistributorsPage(page);
  await list.search(leaver.email);
  const code = (await page.locator('[data-testid^="distributor-"]').first().getAttribute("data-testid"))!.replace("distributor-", "");
  const row = await list.manage(code);
  await row.getByRole("button", { name: "Terminate" }).click();
  await confirmIn(page, `Terminate ${leaver.name}?`, "Terminate");
  await expect(row.getByTestId("form-message").first()).toContainText("terminated");

  // The leaver returns the first order.
  await signInAs(page, leaver.email, leaver.password);
  await page.getByRole("link", { name: "returned for a refund" }).click();
  await expect(page).toHaveURL(/\/dashboard\/orders\/returns$/);
  const first = page.getByRole("checkbox", { name: new RegExp(`Order #${orderIds[0]},`) });
  const refund = /Refund (\$[\d,]+\.\d\d)/.exec(await page.locator("label", { hasText: `Order #${orderIds[0]},` }).innerText())![1]!;
  expect(await seriousAxeViolations(page)).toEqual([]);
  await first.check();
  await page.getByRole("button", { name: "Ask for a buyback" }).click();
  const ask = confirmDialog(page, "Return 1 order?");
  await expect(ask).toContainText(`${refund} (90% of the products’ price of #${orderIds[0]})`);
  await expect(ask).toContainText("The commissions paid to the upline on these orders are reversed.");
  await confirmIn(page, "Return 1 order?", `Ask for ${refund}`);
  await expect(page.getByTestId("form-message")).toContainText(/Your return request #\d+ is sent/);
  const memberRequest = Number(/#(\d+)/.exec((await page.getByTestId("form-message").innerText())!)![1]);

  // The admin asks for the other order on the leaver's behalf, from the distributors list.
  await signInAs(page, demo.admin.email, demo.password);
  await page.goto(`/admin/distributors?q=${encodeURIComponent(leaver.email)}&status=terminated`);
  await list
    .row(code)
    .getByRole("link", { name: `Buyback for ${leaver.name}` })
    .click();
  await expect(page.getByRole("heading", { name: `Buyback for ${leaver.name}` })).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(`Order #${orderIds[1]},`) }).check();
  await page.getByRole("button", { name: "Ask for a buyback" }).click();
  await confirmIn(page, "Return 1 order?", /^Ask for /);
  await expect(page.getByTestId("form-message")).toContainText(/Buyback request #\d+ recorded/);
  const adminRequest = Number(/#(\d+)/.exec((await page.getByTestId("form-message").innerText())!)![1]);

  // Approve asks first, with the refund and the commissions reversed; going back changes nothing.
  await page.goto("/admin/returns");
  const card = page.getByTestId(`buyback-${memberRequest}`);
  await expect(card).toContainText("Pending");
  expect(await seriousAxeViolations(page)).toEqual([]);
  await card.getByRole("button", { name: "Approve" }).click();
  const approve = confirmDialog(page, `Approve buyback #${memberRequest}?`);
  await expect(approve).toContainText(`${refund} goes back to the distributor`);
  await expect(approve).toContainText(/commission lines? \(\$[\d,.]+\) (is|are) reversed with the reason "buyback"/);
  await goBackFrom(page, `Approve buyback #${memberRequest}?`);
  await page.reload();
  await expect(page.getByTestId(`buyback-${memberRequest}`)).toContainText("Pending");
  await page.getByTestId(`buyback-${memberRequest}`).getByRole("button", { name: "Approve" }).click();
  await confirmIn(page, `Approve buyback #${memberRequest}?`, `Refund ${refund}`);
  await expect(page.getByTestId(`buyback-${memberRequest}`)).toContainText(`approved: ${refund} refunded`);

  // The other is declined with a reason.
  const decline = page.getByTestId(`reject-buyback-${adminRequest}`);
  await decline.getByLabel("Reason to decline").fill("The box was opened");
  await decline.getByRole("button", { name: "Decline" }).click();
  await confirmIn(page, `Decline buyback #${adminRequest}?`, "Decline");
  await expect(page.getByTestId(`buyback-${adminRequest}`)).toContainText(`Buyback #${adminRequest} declined.`);
  await page.reload();
  await expect(page.getByTestId(`buyback-${memberRequest}`)).toContainText("Approved");
  await expect(page.getByTestId(`buyback-${adminRequest}`)).toContainText("Reason: The box was opened");

  // The returned order carries the reason, and the leaver sees the outcome.
  await page.goto(`/admin/orders?q=%23${orderIds[0]}`);
  await expect(page.getByTestId(`admin-order-${orderIds[0]}`)).toContainText("Refunded");
  await signInAs(page, leaver.email, leaver.password);
  await page.goto(`/dashboard/orders/${orderIds[0]}`);
  await expect(page.getByRole("main")).toContainText(": buyback");
  await page.goto("/dashboard/orders/returns");
  await expect(page.getByTestId(`buyback-${memberRequest}`)).toContainText("Approved");
  await expect(page.getByTestId(`buyback-${adminRequest}`)).toContainText("Declined");
});

test("an admin downloads a period's commission lines for regulators; nobody else can", async ({ page }) => {
  await signInAs(page, demo.admin.email, demo.password);
  await page.goto("/admin/periods");
  const period = page.locator('[data-testid^="period-"]').first();
  const csvLink = period.getByRole("link", { name: /^CSV/ });
  const [csv] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  // The newest period is the open one: its file says it is not final.
  expect(csv.suggestedFilename()).toMatch(/^commission-lines-\d{4}-\d{2}-open-not-final\.csv$/);
  const lines = fs
    .readFileSync(await csv.path(), "utf8")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe(
    "line_id,period,kind,order_id,order_kind,seller_id,seller_name,beneficiary_id,beneficiary_name,level,generation,base,rate_bps,amount,currency,skipped_uplines,reason,explanation",
  );
  const href = (await period.getByRole("link", { name: /^JSON/ }).getAttribute("href"))!;
  const json = (await (await page.request.get(href)).json()) as { period: { id: number }; lines: { amountCents: number; explanation: string }[] };
  // The same lines in both files (the specs run one at a time; the integration test compares them with the ledger).
  expect(lines.length).toBeGreaterThan(1);
  expect(json.lines).toHaveLength(lines.length - 1);
  expect(json.lines.every((l) => Number.isSafeInteger(l.amountCents))).toBe(true);
  expect(json.lines.every((l) => l.explanation.length > 0)).toBe(true);
  // A bad period: a clear 404.
  const missing = await page.request.get("/admin/periods/999999/lines/export?format=json");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toBe("There is no period #999999.");

  // A distributor gets a 404 too.
  await signOutBrowser(page);
  await signInAs(page, demo.distributor.email, demo.password);
  expect((await page.request.get(href)).status()).toBe(404);
});
