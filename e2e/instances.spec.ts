import type { Browser, Page } from "@playwright/test";
import { demo, expect, test } from "./fixtures";
import { JoinPage, newProspect } from "./pages/join-page";
import { ShopPage } from "./pages/shop-page";
import { SignInPage } from "./pages/sign-in-page";
import { postgresAdmin as sql, postgresUrl } from "./postgres";
import { startServer, type RunningServer } from "./server";

// Issue 21: the same code as several instances behind a load balancer, on one
// PostgreSQL database (made and dropped here): they start together (one
// migrates and seeds, the other waits), take orders through both with an
// exact ledger, and share their sign-in limits; and one server with several
// workers (WEB_CONCURRENCY) starts and stops as one.
test.describe.configure({ mode: "serial" });

const database = `lineage_e2e_instances_${process.pid}`;
const databaseUrl = postgresUrl(database);
const servers: RunningServer[] = [];

test.beforeAll(async () => {
  await sql(`drop database if exists ${database} with (force)`);
  await sql(`create database ${database}`);
});
test.afterAll(async () => {
  for (const server of servers) await server.stop();
  await sql(`drop database if exists ${database} with (force)`);
});

/** A browser page of its own on `server`, signed in as `email`. */
async function signedIn(browser: Browser, server: RunningServer, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, demo.password);
  await expect(page).toHaveURL(email === demo.admin.email ? /\/admin$/ : /\/dashboard$/);
  return page;
}

/** Places and pays `count` orders through `page`'s instance; their ids. */
async function placeOrders(page: Page, count: number): Promise<number[]> {
  const shop = new ShopPage(page);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    await shop.order({ "Daily Greens": 1 + i });
    await shop.confirm();
    ids.push(shop.orderIdFromUrl());
  }
  return ids;
}

test("two instances on one database: orders through both, an exact ledger, one sign-in limit", async ({ browser }) => {
  test.setTimeout(420_000);
  const [a, b] = await Promise.all([startServer("instance-a", { DATABASE_URL: databaseUrl }), startServer("instance-b", { DATABASE_URL: databaseUrl })]);
  servers.push(a, b);
  // Both started on the empty database: one seeded it, the other waited and found it seeded.
  expect(`${a.output()}${b.output()}`.match(/Seeded the demo company/g)).toHaveLength(1);

  // Dana orders through one instance, her sponsor's team member through the other, at the same time.
  const [pageA, pageB] = await Promise.all([signedIn(browser, a, demo.distributor.email), signedIn(browser, b, demo.distributor.email)]);
  const [fromA, fromB] = await Promise.all([placeOrders(pageA, 3), placeOrders(pageB, 3)]);
  // Each instance sees every order: one database.
  await pageA.goto("/dashboard/orders");
  for (const id of [...fromA, ...fromB]) await expect(pageA.getByRole("link", { name: `#${id}`, exact: true }).first()).toBeVisible();

  // The ledger both kept equals a full run, line for line.
  const adminPage = await signedIn(browser, a, demo.admin.email);
  await adminPage.getByRole("button", { name: "Reconcile open periods" }).click();
  await expect(adminPage.getByTestId("form-message")).toContainText("No differences");

  // Wrong passwords on both instances count against one limit (kept in the database).
  const prospect = newProspect("Two instances");
  const join = new JoinPage(pageB);
  await pageB.context().clearCookies();
  await join.goto("dana-rivers");
  await join.signUpVerified(prospect);
  const attempts = async (page: Page, password: string, times: number) => {
    const signIn = new SignInPage(page);
    for (let i = 0; i < times; i++) {
      await page.context().clearCookies();
      await signIn.goto();
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), signIn.signIn(prospect.email, password)]);
    }
    return signIn.error;
  };
  await expect(await attempts(pageA, "wrong-password", 3)).toContainText("do not match an account");
  await expect(await attempts(pageB, "wrong-password", 3)).toContainText("do not match an account");
  await expect(await attempts(pageA, prospect.password, 1)).toContainText("Too many sign-in attempts");
});

test("WEB_CONCURRENCY=2: two workers share the port, and SIGTERM stops them all within the limit", async () => {
  test.setTimeout(240_000);
  const server = await startServer("workers", { DATABASE_URL: databaseUrl, WEB_CONCURRENCY: "2", SHUTDOWN_TIMEOUT_MS: "5000" });
  servers.push(server);
  await expect.poll(() => server.output()).toContain("(2 workers)");
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${server.url}/join`).then((r) => r.status)));
  expect(answers).toEqual(Array.from({ length: 20 }, () => 200));
  const started = performance.now();
  expect(await server.signal("SIGTERM")).toBe(143);
  expect(performance.now() - started).toBeLessThan(7_000);
  // Nothing is left holding the port.
  await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
});
