import fs from "node:fs";
import type { Page } from "@playwright/test";
import { demo, expect, signInAs, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";
import { parseCsv, TeamPage, toNumber } from "./pages/team-page";

// Other specs add members to Dana's team as they run, so every expectation is
// computed from what the pages show, plus the seed's fixed shape (a leg at least
// seven generations deep under Dana).

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

const nonIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! >= x);
const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

/** The id of some member of Dana's downline, from her team table's first link. */
async function someDanaMemberId(page: Page): Promise<number> {
  const team = new TeamPage(page);
  await team.goto("?gen=2");
  const href = await team.rows.first().getByRole("link").first().getAttribute("href");
  const id = Number(/\/dashboard\/team\/(\d+)$/.exec(href ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

test.describe("the team", () => {
  test("the dashboard shows this period's figures, rank progress and charts with table alternatives", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const summary = page.getByTestId("dashboard-summary");
    await expect(summary.getByRole("heading", { name: /^This period: / })).toBeVisible();
    await expect(page.getByTestId("card-status")).toContainText("Active");
    await expect(page.getByTestId("earnings-this-period")).toHaveText(/^\$[\d,]+\.\d{2}$/);
    await expect(page.getByTestId("earnings-last-period")).toHaveText(/^\$[\d,]+\.\d{2}$/);
    expect(toNumber(await page.getByTestId("dashboard-team-size").textContent())).toBeGreaterThan(100);
    // Either progress bars towards the next rank, or the top rank.
    const bars = page.getByRole("progressbar");
    if ((await bars.count()) > 0) {
      await expect(bars.first()).toHaveAttribute("aria-valuetext", /^[\d,]+ \/ [\d,]+ PV/);
      await expect(bars.nth(1)).toHaveAttribute("aria-valuetext", /^[\d,]+ \/ [\d,]+ GV/);
    } else {
      await expect(page.getByTestId("rank-progress")).toContainText("top rank");
    }
    await expect(page.getByTestId("share-link-card")).toBeVisible();
    for (const chart of ["earnings-chart", "volume-chart"]) {
      const figure = page.getByTestId(chart);
      await expect(figure.getByRole("img", { name: /^(Earnings|Volume) per period\./ })).toBeVisible();
      await expect(figure.locator(".recharts-surface").first()).toBeVisible();
      await figure.getByText("Show the figures as a table").click();
      // The seed's year: eleven closed months and this one (open).
      await expect(figure.locator("tbody tr")).toHaveCount(12);
    }
  });

  test("the demo distributor sees generations 1 to 7 or more, adding up to the team size", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const dashboardSize = toNumber(await page.getByTestId("dashboard-team-size").textContent());
    const team = new TeamPage(page);
    await team.goto();
    const labels = await team.generationLabels();
    expect(labels.length).toBeGreaterThanOrEqual(7);
    expect(labels).toEqual(labels.map((_, i) => `Generation ${i + 1}`));
    const members = await team.generationMembers();
    expect(members.every((m) => m > 0)).toBe(true);
    const sum = members.reduce((a, b) => a + b, 0);
    expect(await team.generationsTotal()).toBe(sum);
    expect(await team.teamSize()).toBe(sum);
    expect(sum).toBe(dashboardSize);
    expect(await team.total()).toBe(sum);

    // A generation's link filters the table to exactly its members.
    await team.generationRows.nth(2).getByRole("link").click();
    await expect(page).toHaveURL(/\/dashboard\/team\?gen=3$/);
    expect(await team.total()).toBe(members[2]);
    expect(new Set(await team.column("Generation"))).toEqual(new Set(["3"]));
  });

  test("sorting and filtering change the table and the URL, and the back button undoes them", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const team = new TeamPage(page);
    await team.goto();
    expect(nonIncreasing(await team.numbers("GV"))).toBe(true);
    const firstByGv = await team.rows.first().textContent();

    await team.sortBy("PV");
    await expect(page).toHaveURL(/[?&]sort=pv(&|$)/);
    await expect(team.table.locator("th[aria-sort]")).toHaveText(/PV/);
    expect(nonIncreasing(await team.numbers("PV"))).toBe(true);

    await team.sortBy("PV");
    await expect(page).toHaveURL(/sort=pv&dir=asc/);
    expect(nonDecreasing(await team.numbers("PV"))).toBe(true);
    expect(await team.rows.first().textContent()).not.toBe(firstByGv);

    await team.sortBy("Generation");
    await expect(page).toHaveURL(/sort=generation/);
    expect(nonDecreasing(await team.numbers("Generation"))).toBe(true);

    const all = await team.total();
    await team.filter({ status: "Active", generation: "2" });
    await expect(page).toHaveURL(/gen=2/);
    await expect(page).toHaveURL(/active=yes/);
    await expect(page).toHaveURL(/sort=generation/);
    const filtered = await team.total();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(new Set(await team.column("Status"))).toEqual(new Set(["Active"]));
    expect(new Set(await team.column("Generation"))).toEqual(new Set(["2"]));

    // Pages are in the URL too.
    await team.goto("?size=10");
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/size=10&page=2|page=2&size=10|page=2/);
    await expect(page.getByTestId("page-status")).toHaveText(/^Page 2 of /);

    await page.goBack();
    await expect(page.getByTestId("page-status")).toHaveText(/^Page 1 of /);
    await page.goBack();
    await expect(page).toHaveURL(/active=yes/);
    expect(await team.total()).toBe(filtered);

    // A hand-edited URL never breaks the page.
    const odd = await team.goto("?page=-4&size=7&sort=password&gen=abc&active=maybe&rank=x&dir=up");
    expect(odd?.status()).toBe(200);
    expect(await team.total()).toBe(all);
    const past = await team.goto("?page=99999");
    expect(past?.status()).toBe(200);
    await expect(page.getByTestId("page-status")).toHaveText(/^Page (\d+) of \1$/);
  });

  test("the CSV download has exactly the filtered rows", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const team = new TeamPage(page);
    await team.goto();
    await team.filter({ generation: "5", status: "Active", rows: "100" });
    await expect(page).toHaveURL(/gen=5/);
    const total = await team.total();
    expect(total).toBeGreaterThan(0);
    const names = await team.column("Name");

    const [download] = await Promise.all([page.waitForEvent("download"), team.downloadCsv.click()]);
    const csv = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
    expect(csv).toHaveLength(total);
    expect(new Set(csv.map((r) => r.generation))).toEqual(new Set(["5"]));
    expect(new Set(csv.map((r) => r.status))).toEqual(new Set(["active"]));
    expect(csv.map((r) => r.name)).toEqual(names.slice(0, csv.length));
  });

  test("the tree opens with the keyboard, and search reveals a deep member", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const team = new TeamPage(page);
    await team.goto("?gen=6");
    const deepName = (await team.column("Name"))[0]!;

    await page.goto("/dashboard/team/tree");
    const tree = page.getByRole("tree", { name: "Your team by generation" });
    const first = tree.getByRole("treeitem").first();
    await first.focus();
    await page.keyboard.press("ArrowRight");
    await expect(first).toHaveAttribute("aria-expanded", "true");
    // The tree is flat: an opened member's first child is the next item. Its children may still be loading (the next item is
    // then the member's sibling): wait for the child before moving, or ArrowDown lands on the sibling.
    const child = tree.getByRole("treeitem").nth(1);
    await expect(first).not.toHaveAttribute("aria-busy", "true");
    await expect(child).toHaveAttribute("aria-level", "2");
    await page.keyboard.press("ArrowDown");
    await expect(child).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(child).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("tree-card")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    await expect(first).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(first).toHaveAttribute("aria-expanded", "false");

    await page.getByLabel("Find a member by name").fill(deepName);
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByTestId("tree-search-results").getByRole("button").filter({ hasText: "generation 6" }).first().click();
    const found = tree.getByRole("treeitem", { name: deepName }).and(page.locator('[aria-selected="true"]'));
    await expect(found).toBeVisible();
    await expect(found).toHaveAttribute("aria-level", "6");
    await expect(found).toBeFocused();
    await expect(page.getByTestId("tree-card")).toContainText(deepName);
  });

  test("a new distributor sees an empty team, and another team's member id is a 404 everywhere", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    const memberId = await someDanaMemberId(page);
    const own = await page.goto(`/dashboard/team/${memberId}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByTestId("member-card")).toBeVisible();

    // A newcomer under the house account: outside Dana's downline. Leave the page
    // first, so no late prefetch response can set Dana's session cookie again.
    await page.goto("about:blank");
    await page.context().clearCookies();
    const join = new JoinPage(page);
    await join.goto("lineage");
    await join.signUpVerified(newProspect("Outsider"));

    const team = new TeamPage(page);
    await team.goto();
    await expect(page.getByTestId("team-empty")).toBeVisible();
    expect(await team.teamSize()).toBe(0);

    for (const url of [
      `/dashboard/team/${memberId}`,
      `/dashboard/team/tree?reveal=${memberId}`,
      "/dashboard/team/abc",
      "/dashboard/team/0",
      `/admin/distributors/${memberId}`,
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    // The tree's JSON endpoints, and an admin-only parameter.
    for (const url of [
      `/dashboard/team/tree/nodes?parent=${memberId}`,
      `/dashboard/team/tree/reveal?member=${memberId}`,
      `/dashboard/team/tree/nodes?parent=${memberId}&as=${memberId}`,
      `/dashboard/team/tree/search?q=a&as=${memberId}`,
    ]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(404);
    }
    const search = await page.request.get(`/dashboard/team/tree/search?q=a`);
    expect(await search.json()).toEqual({ hits: [] });
    const csv = await page.request.get(`/dashboard/team/export`);
    expect(parseCsv(await csv.text())).toEqual([]);
  });

  test("an admin opens Dana's dashboard and team read-only", async ({ page }) => {
    await signInAs(page, demo.admin.email);
    await page.goto("/admin/distributors?q=Dana");
    await page.getByRole("link", { name: demo.distributor.name }).click();
    await expect(page).toHaveURL(/\/admin\/distributors\/\d+$/);
    await expect(page.getByTestId("read-only-banner")).toBeVisible();
    await expect(page.getByRole("heading", { name: `${demo.distributor.name}’s dashboard` })).toBeVisible();
    await expect(page.getByTestId("dashboard-summary")).toBeVisible();
    // No write controls: no share card (it changes the code), no forms at all in the page body.
    await expect(page.getByTestId("share-link-card")).toHaveCount(0);
    await expect(page.locator("main form")).toHaveCount(0);

    await page.getByTestId("card-team").getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/distributors\/\d+\/team$/);
    const team = new TeamPage(page);
    expect(await team.total()).toBe(await team.generationsTotal());
    await team.rows.first().getByRole("link").first().click();
    await expect(page.getByTestId("member-card")).toBeVisible();
    await expect(page.getByTestId("read-only-banner")).toBeVisible();
  });

  test("the team works on a phone @phone", async ({ page }) => {
    await signInAs(page, demo.distributor.email);
    await expect(page.getByTestId("card-pv")).toBeVisible();
    const team = new TeamPage(page);
    await team.goto();
    await expect(team.generationRows.first()).toBeVisible();
    await expect(team.rows.first()).toBeVisible();
  });
});
