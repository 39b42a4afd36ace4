import type { Locator, Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { uniqueIp } from "./pages/join-page";
import { toNumber } from "./pages/team-page";

// The earnings page by period and paged, each line's base x rate = amount; the
// admin orders pager; PV and CV in the members' shop. Other specs add orders
// as they run, so counts are read from the pages.

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** At 1280 and 360 px: no sideways page scroll, no serious or critical axe finding. */
async function fitsAndAccessible(page: Page, where: string, open?: (page: Page) => Promise<void>) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.reload();
    if (open) await open(page);
    expect(await horizontalOverflow(page), `${where} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page), `${where} at ${width} px`).toEqual([]);
  }
}

/** "1–50 of 341" from a pager. */
async function pagerRange(pager: Locator) {
  const [, from, to, total] = /([\d,]+)–([\d,]+) of ([\d,]+)/.exec((await pager.textContent()) ?? "") ?? [];
  return { from: toNumber(from ?? ""), to: toNumber(to ?? ""), total: toNumber(total ?? "") };
}

const cents = (money: string) => Math.round(toNumber(money.replace(/[$,]/g, "")) * 100);

test("earnings: grouped by period with totals, paged with a count, each line base x rate = amount", async ({ page }) => {
  await signInAs(page, demo.distributor.email);
  await page.goto("/dashboard/earnings");
  const groups = page.getByTestId("earnings-period");
  await expect(groups.first().getByRole("heading", { level: 2 })).toHaveText(/^[A-Z][a-z]+ \d{4}\s*(Pending|Closed)$/);
  await expect(groups.first().getByTestId("period-total")).toHaveText(/^\$[\d,]+\.\d{2} from [\d,]+ lines?/);
  const lines = page.getByTestId("earnings-lines").getByRole("listitem");
  const pager = page.getByRole("navigation", { name: "Earnings pages" });
  const first = await pagerRange(pager);
  expect(first.from).toBe(1);
  expect(first.total).toBeGreaterThan(50);
  await expect(lines).toHaveCount(first.to);
  await expect(pager).toContainText(`Page 1 of ${Math.ceil(first.total / 50)}`);

  // Every line of the page states its base and rate, and they give its amount (the engine floors each line).
  // (The text is read from the closed "Why this amount" details.)
  for (const line of await lines.all()) {
    const why = (await line.getByTestId("why").textContent()) ?? "";
    const [, percent, base, result] = / ([\d.]+)% of (\$[\d,]+\.\d{2}) commissionable value = (\$[\d,]+\.\d{2})/.exec(why) ?? [];
    expect(percent, why).toBeDefined();
    const bps = Math.round(Number(percent) * 100);
    expect(Math.floor((cents(base!) * bps) / 10_000), why).toBe(cents(result!));
    expect(why).not.toContain("but this line records");
    const amount = (await line.getByTestId("line-amount").textContent()) ?? "";
    expect(Math.abs(cents(amount.replace("-", "")))).toBe(cents(result!));
  }

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/dashboard\/earnings\?page=2$/);
  await expect(pager).toContainText("Page 2 of");
  expect((await pagerRange(pager)).from).toBe(51);
  await pager.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/\/dashboard\/earnings$/);

  // Past the end: the last page, with no Next.
  const pages = Math.ceil(first.total / 50);
  await page.goto("/dashboard/earnings?page=9999");
  await expect(pager).toContainText(`Page ${pages} of ${pages}`);
  await expect(pager.getByRole("link", { name: "Next" })).toHaveCount(0);

  // Each period's link keeps only that period, with its total and count.
  const periods = page.getByTestId("earnings-periods").getByRole("row");
  const last = periods.last();
  const name = ((await last.getByRole("link").textContent()) ?? "").trim();
  const count = toNumber((await last.getByRole("cell").nth(1).textContent()) ?? "");
  await last.getByRole("link").click();
  await expect(page).toHaveURL(/\/dashboard\/earnings\?period=\d+$/);
  await expect(groups).toHaveCount(1);
  await expect(groups.getByRole("heading", { level: 2 })).toContainText(name);
  await expect(groups.getByTestId("period-total")).toContainText(` from ${count.toLocaleString("en-US")} line`);
  expect((await pagerRange(pager)).total).toBe(count);

  await page.goto("/dashboard/earnings");
  await fitsAndAccessible(page, "the earnings page", async (p) => {
    await p.getByTestId("earnings-lines").getByRole("listitem").first().getByText("Why this amount").click();
  });
});

test("admin orders: a pager with the count, keeping the filters", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await page.goto("/admin/orders?status=paid");
  const pager = page.getByRole("navigation", { name: "Orders pages" });
  const first = await pagerRange(pager);
  expect(first).toMatchObject({ from: 1, to: 25 });
  expect(first.total).toBeGreaterThan(25);
  const rows = page.locator('[data-testid^="admin-order-"]');
  await expect(rows).toHaveCount(25);
  const topOfFirst = await rows.first().getAttribute("data-testid");

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/admin\/orders\?status=paid&page=2$/);
  expect(await pagerRange(pager)).toMatchObject({ from: 26, total: first.total });
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("paid");
  expect(await rows.first().getAttribute("data-testid")).not.toBe(topOfFirst);

  // A narrower filter counts fewer; an unknown page shows the first.
  await page.goto("/admin/orders?status=paid&kind=retail&page=abc");
  const retail = await pagerRange(pager);
  expect(retail.from).toBe(1);
  expect(retail.total).toBeLessThan(first.total);

  await page.goto("/admin/orders?status=paid&page=2");
  await fitsAndAccessible(page, "the admin orders page 2");
});

test("the members' shop shows each product's PV and CV; the guest shop does not", async ({ page }) => {
  await signInAs(page, demo.distributor.email);
  await page.goto("/shop");
  const volumes = page.getByTestId("product-volumes");
  expect(await volumes.count()).toBeGreaterThan(0);
  for (const v of await volumes.all()) await expect(v).toHaveText(/^[\d,]+ PV · \$[\d,]+\.\d{2} CV$/);
  await signOutBrowser(page);
  await page.goto("/join/dana-rivers/shop");
  await expect(page.getByRole("button", { name: "Review order" })).toBeVisible();
  await expect(page.getByTestId("product-volumes")).toHaveCount(0);
});
