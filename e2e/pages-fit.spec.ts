import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { uniqueIp } from "./pages/join-page";
import { ShopPage, usAddress } from "./pages/shop-page";
import { TeamPage } from "./pages/team-page";

// Every page of the portal, at 1280 px and on a 360 px phone: the page itself
// never scrolls sideways (wide lists scroll inside a labelled region or turn
// into cards), and axe finds nothing serious or critical. The routes come from
// app/: the last test fails when a page is added without a visit here.

const danaCode = "dana-rivers";

/** One page to check: its route as app/ spells it, and how to get there (it may create what it shows, like an unpaid order). */
interface Visit {
  route: string;
  open: (page: Page) => Promise<unknown>;
}

const go =
  (url: string) =>
  (page: Page): Promise<unknown> =>
    page.goto(url);

/** Opens `from` and follows the first link whose path matches `pattern`. */
const firstLink =
  (from: string, pattern: RegExp) =>
  async (page: Page): Promise<void> => {
    await page.goto(from);
    await settle(page);
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const href = hrefs.find((h) => pattern.test(h));
    if (!href) throw new Error(`no link like ${pattern} on ${from}`);
    await page.goto(href);
  };

const publicVisits: Visit[] = [
  { route: "/", open: go("/") },
  { route: "/sign-in", open: go("/sign-in") },
  { route: "/forgot-password", open: go("/forgot-password") },
  { route: "/reset-password", open: go("/reset-password") },
  { route: "/confirm-email", open: go("/confirm-email") },
  { route: "/verify-email", open: go("/verify-email") },
  { route: "/unsubscribe", open: go("/unsubscribe") },
  { route: "/autoship/skip/[token]", open: go("/autoship/skip/not-a-real-token") },
  // A customer's real autoship page is checked at 360 px with axe in e2e/autoship-customer.spec.ts; here, the link that does not work.
  { route: "/autoship/manage/[token]", open: go("/autoship/manage/not-a-real-token") },
  { route: "/agreement", open: go("/agreement") },
  { route: "/income-disclosure", open: go("/income-disclosure") },
  {
    // The seeded statement, by the number its PDF link carries.
    route: "/income-disclosure/[id]",
    open: async (page) => {
      await page.goto("/income-disclosure");
      const pdf = await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
      await page.goto(pdf!.replace(/\/pdf$/, ""));
    },
  },
  { route: "/join", open: go("/join") },
  { route: "/join/[code]", open: go(`/join/${danaCode}`) },
  { route: "/join/[code]/shop", open: go(`/join/${danaCode}/shop`) },
  {
    route: "/join/[code]/shop/review",
    open: (page) => new ShopPage(page).order({ "Hydration Sticks": 2, "Omega-3 Softgels": 1 }, `/join/${danaCode}/shop`),
  },
  {
    route: "/receipt/[token]",
    open: async (page) => {
      const shop = new ShopPage(page);
      await shop.order({ "Hydration Sticks": 1 }, `/join/${danaCode}/shop`);
      await shop.guestCheckout({ name: "Pat Fits", email: `fits-${Date.now()}@example.com` });
    },
  },
];

const memberVisits: Visit[] = [
  { route: "/dashboard", open: go("/dashboard") },
  { route: "/dashboard/account", open: go("/dashboard/account") },
  { route: "/dashboard/autoship", open: go("/dashboard/autoship") },
  { route: "/dashboard/earnings", open: go("/dashboard/earnings") },
  { route: "/dashboard/notifications", open: go("/dashboard/notifications") },
  { route: "/dashboard/notifications/settings", open: go("/dashboard/notifications/settings") },
  { route: "/dashboard/orders", open: go("/dashboard/orders") },
  // Dana is an active distributor: the page says a buyback is for those who leave (e2e/buyback.spec.ts visits a leaver's).
  { route: "/dashboard/orders/returns", open: go("/dashboard/orders/returns") },
  { route: "/dashboard/orders/[id]", open: firstLink("/dashboard/orders", /^\/dashboard\/orders\/\d+$/) },
  { route: "/dashboard/team", open: go("/dashboard/team") },
  { route: "/dashboard/team/[memberId]", open: firstLink("/dashboard/team", /^\/dashboard\/team\/\d+$/) },
  {
    // The deepest generation's first member, opened in the tree: the widest the tree gets.
    route: "/dashboard/team/tree",
    open: async (page) => {
      const team = new TeamPage(page);
      await team.goto();
      const deepest = (await team.generationLabels()).length;
      await firstLink(`/dashboard/team?gen=${deepest}`, /^\/dashboard\/team\/\d+$/)(page);
      const memberId = /(\d+)$/.exec(new URL(page.url()).pathname)![1];
      await page.goto(`/dashboard/team/tree?reveal=${memberId}`);
      await expect(page.locator('[role="treeitem"][aria-selected="true"]')).toBeVisible();
    },
  },
  { route: "/shop", open: go("/shop") },
  { route: "/shop/review", open: (page) => new ShopPage(page).order({ "Hydration Sticks": 2, "Omega-3 Softgels": 1 }) },
  {
    route: "/dashboard/orders/[id]/pay",
    open: async (page) => {
      const shop = new ShopPage(page);
      await shop.order({ "Hydration Sticks": 1 });
      await shop.checkout(usAddress);
    },
  },
];

const adminVisits: Visit[] = [
  "/admin",
  "/admin/announcements",
  "/admin/audit",
  "/admin/autoship",
  "/admin/company",
  "/admin/distributors",
  "/admin/income-statement",
  "/admin/jobs",
  "/admin/orders",
  "/admin/outbox",
  "/admin/payments",
  "/admin/periods",
  "/admin/plan",
  "/admin/products",
  "/admin/products/new",
  "/admin/referrals",
  "/admin/retail",
  "/admin/returns",
  "/admin/signups",
].map((route): Visit => ({ route, open: go(route) }));
adminVisits.push(
  { route: "/admin/outbox/[id]", open: firstLink("/admin/outbox", /^\/admin\/outbox\/\d+$/) },
  { route: "/admin/periods/[id]/payouts", open: firstLink("/admin/periods", /^\/admin\/periods\/\d+\/payouts$/) },
  { route: "/admin/products/[id]", open: firstLink("/admin/products", /^\/admin\/products\/\d+$/) },
  { route: "/admin/distributors/[id]", open: danaAdminPath("") },
  { route: "/admin/distributors/[id]/returns", open: danaAdminPath("/returns") },
  { route: "/admin/distributors/[id]/team", open: danaAdminPath("/team") },
  { route: "/admin/distributors/[id]/team/tree", open: danaAdminPath("/team/tree") },
  {
    route: "/admin/distributors/[id]/team/[memberId]",
    open: async (page) => {
      await danaAdminPath("/team")(page);
      await firstLink(new URL(page.url()).pathname, /^\/admin\/distributors\/\d+\/team\/\d+$/)(page);
    },
  },
);

/** Dana's back-office page (plus `suffix`), found by searching the distributors list for her. */
function danaAdminPath(suffix: string) {
  return async (page: Page): Promise<void> => {
    await firstLink(`/admin/distributors?q=${encodeURIComponent(demo.distributor.email)}`, /^\/admin\/distributors\/\d+$/)(page);
    if (suffix) await page.goto(new URL(page.url()).pathname + suffix);
  };
}

/** Waits for the streamed parts (skeletons) to arrive. */
async function settle(page: Page) {
  await page.waitForLoadState("load");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * What a window-wide check misses: boxes that scroll sideways without being a
 * labelled, focusable region, and content that sticks out past the window's
 * right edge (clipped by an ancestor). Screen-reader-only text is skipped.
 */
function sidewaysProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""}.${[...el.classList].slice(0, 4).join(".")}`;
    const scrollers = new Set<Element>();
    for (const el of document.body.querySelectorAll("*")) {
      // Not drawn (inside a closed disclosure): nothing to see, nothing to scroll.
      if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
      const style = getComputedStyle(el);
      if ((style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1) {
        scrollers.add(el);
        const labelled = el.getAttribute("role") === "region" && el.hasAttribute("aria-label") && el.getAttribute("tabindex") === "0";
        if (!labelled) problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth}) but is no labelled, focusable region`);
      }
    }
    for (const el of document.body.querySelectorAll("main *, header *")) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= window.innerWidth + 1) continue;
      if (el.closest(".sr-only") || !el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
      let inScroller = false;
      for (let a = el.parentElement; a; a = a.parentElement) if (scrollers.has(a)) inScroller = true;
      if (!inScroller) problems.push(`${describe(el)} reaches ${Math.round(rect.right)} px, past the window`);
    }
    return problems.slice(0, 12);
  });
}

/** Opens each page and checks it; soft, so one run lists every page that fails. */
async function checkAll(page: Page, visits: Visit[]) {
  const width = page.viewportSize()!.width;
  for (const visit of visits) {
    await visit.open(page);
    await settle(page);
    const where = `${visit.route} (${new URL(page.url()).pathname}) at ${width} px`;
    // A phone browser widens its layout viewport to fit content that overflows: then innerWidth is no longer the phone's.
    expect.soft(await page.evaluate(() => window.innerWidth), `${where}: the layout viewport grew`).toBe(width);
    expect.soft(await horizontalOverflow(page), `${where} scrolls sideways`).toBeLessThanOrEqual(0);
    expect.soft(await sidewaysProblems(page), `${where}: hidden sideways content`).toEqual([]);
    expect.soft(await seriousAxeViolations(page), `${where}: serious or critical axe violations`).toEqual([]);
    // Again with every disclosure open (menus, Manage panels, a chart's figures as a table).
    const disclosures = await page.locator("details:not([open])").count();
    if (disclosures > 0) {
      await page.locator("details:not([open])").evaluateAll((all) => all.forEach((d) => d.setAttribute("open", "")));
      expect.soft(await page.evaluate(() => window.innerWidth), `${where}, disclosures open: the layout viewport grew`).toBe(width);
      expect.soft(await horizontalOverflow(page), `${where}, disclosures open, scrolls sideways`).toBeLessThanOrEqual(0);
      expect.soft(await sidewaysProblems(page), `${where}, disclosures open: hidden sideways content`).toEqual([]);
    }
  }
}

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

for (const phone of [false, true]) {
  // The phone project runs the @phone tests at 360 px, the desktop project the others at 1280 px.
  const tag = phone ? " @phone" : "";
  test.describe(`every page fits${tag}`, () => {
    // Some thirty pages each, two axe runs a page: longer than one page's test.
    test.describe.configure({ timeout: 240_000 });

    test(`the public pages${tag}`, async ({ page }) => {
      await signOutBrowser(page);
      await checkAll(page, publicVisits);
    });

    test(`a member's pages${tag}`, async ({ page }) => {
      await signInAs(page, demo.distributor.email);
      await checkAll(page, memberVisits);
    });

    test(`the back office${tag}`, async ({ page }) => {
      await signInAs(page, demo.admin.email);
      await checkAll(page, adminVisits);
    });
  });
}

test("every page in app/ has a visit here", () => {
  const appDir = path.join(__dirname, "..", "app");
  const routes = (fs.readdirSync(appDir, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      // Route groups "(portal)" are not in the URL.
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s !== "." && !/^\(.+\)$/.test(s));
      return `/${segments.join("/")}`;
    });
  const visited = [...publicVisits, ...memberVisits, ...adminVisits].map((v) => v.route);
  expect(routes.filter((r) => !visited.includes(r)).sort(), "pages without a visit").toEqual([]);
  expect(visited.filter((r) => !routes.includes(r)).sort(), "visits of no page").toEqual([]);
});
