import { expect, test } from "./fixtures";
import { ErrorPage } from "./pages/error-page";
import { postgresAdmin as sql, postgresUrl } from "./postgres";
import { startServer, type RunningServer } from "./server";

// Issue 21: a database that goes away under a running server. Users see "temporarily
// unavailable, nothing was charged", not a bare error; the log has one line per
// failure with its request id, route and cause, and never SQL or its parameters;
// the server serves again as soon as the database is back. A server of its own,
// on a PostgreSQL database of its own (made and dropped here).
test.describe.configure({ mode: "serial" });

const database = `lineage_e2e_unavailable_${process.pid}`;
let server: RunningServer | undefined;

test.beforeAll(async () => {
  await sql(`drop database if exists ${database} with (force)`);
  await sql(`create database ${database}`);
});
test.afterAll(async () => {
  await server?.stop();
  await sql(`drop database if exists ${database} with (force)`);
});

/** The log lines that are JSON (lib/ops/log.ts), parsed. */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("@phone the database goes away: a friendly page, one log line with the request id, and back when it returns", async ({ page }) => {
  test.setTimeout(240_000);
  server = await startServer("unavailable", { DATABASE_URL: postgresUrl(database) });
  await page.goto(`${server.url}/join`);
  await expect(page.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();

  // The database stops taking connections, and the server's are cut.
  await sql(`alter database ${database} allow_connections false`);
  await sql(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}'`);
  const response = await page.goto(`${server.url}/join`);
  const errors = new ErrorPage(page);
  await expect(errors.heading("Lineage is temporarily unavailable")).toBeVisible();
  await expect(errors.panel).toContainText("nothing was charged");
  await expect(errors.reference).toHaveText(/^\w+$/);
  const reference = await errors.reference.textContent();
  const requestId = response?.headers()["x-request-id"];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);

  // A line per failure of that request (the frame and the page each failed): its id, the route's
  // pattern, the digest the page shows as its reference, the cause.
  await expect.poll(() => logLines(server!.output()).some((l) => l.requestId === requestId && l.digest === reference)).toBe(true);
  for (const line of logLines(server.output()).filter((l) => l.requestId === requestId)) {
    expect(line).toMatchObject({ level: 50, service: "lineage", method: "GET", route: "/join", cause: { kind: "database-unreachable" } });
  }
  expect(server.output()).not.toMatch(/Failed query|params:/);

  // Back: the next request is served.
  await sql(`alter database ${database} allow_connections true`);
  await expect(async () => {
    await page.goto(`${server!.url}/join`);
    await expect(page.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});
