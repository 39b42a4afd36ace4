import type { Page } from "@playwright/test";
import { demo, expect, signInAs, test } from "./fixtures";
import { toNumber } from "./pages/team-page";

// The admin lists on DataTable (components/data-table): the sort and the page
// live in the URL (nuqs parsers), headers and pager are links, the back button
// undoes them, and the pager counts the matching rows.

async function range(page: Page) {
  const [, from, to, total] = /Showing ([\d,]+)–([\d,]+) of ([\d,]+)/.exec((await page.getByTestId("table-range").textContent()) ?? "") ?? [];
  return { from: toNumber(from ?? ""), to: toNumber(to ?? ""), total: toNumber(total ?? "") };
}

test.describe("admin lists", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, demo.admin.email);
  });

  test("orders: newest or oldest first, paged with a count; the back button undoes each step", async ({ page }) => {
    await page.goto("/admin/orders");
    const rows = page.locator('[data-testid^="admin-order-"]');
    const first = await range(page);
    expect(first).toMatchObject({ from: 1, to: 25 });
    expect(first.total).toBeGreaterThan(25);
    const newest = await rows.first().getAttribute("data-testid");
    const order = page.getByRole("columnheader", { name: /Order/ });
    await expect(order).toHaveAttribute("aria-sort", "descending");

    await order.getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/orders\?dir=asc$/);
    await expect(order).toHaveAttribute("aria-sort", "ascending");
    const oldest = await rows.first().getAttribute("data-testid");
    expect(oldest).not.toBe(newest);
    expect(Number(oldest!.replace("admin-order-", ""))).toBeLessThan(Number(newest!.replace("admin-order-", "")));

    await page.getByRole("navigation", { name: "Orders pages" }).getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/\/admin\/orders\?dir=asc&page=2$/);
    expect(await range(page)).toMatchObject({ from: 26, total: first.total });
    await expect(page.getByTestId("page-status")).toHaveText(`Page 2 of ${Math.ceil(first.total / 25)}`);

    await page.goBack();
    await expect(page).toHaveURL(/\/admin\/orders\?dir=asc$/);
    await expect(page.getByTestId("page-status")).toHaveText(/^Page 1 of/);
    await page.goBack();
    await expect(page).toHaveURL(/\/admin\/orders$/);
    await expect(rows.first()).toHaveAttribute("data-testid", newest!);

    // A filter keeps the order; a hand-edited URL falls back to the defaults.
    await page.goto("/admin/orders?dir=asc");
    await page.getByRole("combobox", { name: "Status" }).selectOption("paid");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=paid&.*dir=asc/);
    const odd = await page.goto("/admin/orders?page=-3&sort=drop%20table&dir=sideways&status=%00");
    expect(odd?.status()).toBe(200);
    expect(await range(page)).toEqual(first);
  });

  test("distributors: sortable columns and a pager, all in the URL", async ({ page }) => {
    await page.goto("/admin/distributors");
    const all = await range(page);
    expect(all.from).toBe(1);
    expect(all.total).toBeGreaterThan(25);
    const gv = page.getByRole("columnheader", { name: /GV/ });
    await gv.getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/distributors\?sort=gv$/);
    await expect(gv).toHaveAttribute("aria-sort", "descending");
    const gvs = async () => (await page.locator("tbody tr td:nth-child(6)").allTextContents()).map(toNumber);
    const top = await gvs();
    expect(top).toEqual([...top].sort((a, b) => b - a));

    await gv.getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/distributors\?sort=gv&dir=asc$/);
    await expect(gv).toHaveAttribute("aria-sort", "ascending");
    const bottom = await gvs();
    expect(bottom).toEqual([...bottom].sort((a, b) => a - b));

    await page.getByRole("navigation", { name: "Distributor pages" }).getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/\/admin\/distributors\?sort=gv&dir=asc&page=2$/);
    expect(await range(page)).toMatchObject({ from: 26, total: all.total });
    await page.goBack();
    await expect(page).toHaveURL(/\/admin\/distributors\?sort=gv&dir=asc$/);
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/\/admin\/distributors$/);

    const odd = await page.goto("/admin/distributors?page=0x10&sort=lower(u.name)%3B--&dir=up&rank=-1");
    expect(odd?.status()).toBe(200);
    expect(await range(page)).toEqual(all);
  });
});
