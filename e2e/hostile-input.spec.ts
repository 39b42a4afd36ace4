import fs from "node:fs";
import path from "node:path";
import { demo, expect, test } from "./fixtures";
import { signInAs, signOutBrowser } from "./pages/admin-pages";

// The security review's sweep of every route: hostile values in each dynamic
// segment (broken percent-encoding, NUL, hex, exponents, padding, ids past
// int4) and in every query parameter the pages read, as a guest, a distributor
// and an admin. Nothing may answer a 500: a bad segment is the not-found page,
// a bad parameter falls back to the default. The routes are found by reading
// app/, so a new page is swept without a change here.

const segments = ["%ZZ", "%00", "a%00b", "0x1F", "1e2", "%20347", "2147483648", "99999999999999999999", "-1", "%3Cscript%3E"];
const params = ["q", "page", "gen", "active", "rank", "sort", "dir", "size", "status", "kind", "entity", "action", "entityId", "period", "level", "flagged"];
const queries = ["%00", "a%00b", "1e2", "0x1F", "%ZZ", "-1", "99999999999999999999"].map((v) => params.map((p) => `${p}=${v}`).join("&"));
// Valid values for a segment when the sweep is of the query (the demo company's).
const valid: Record<string, string> = { id: "1", memberId: "2", code: "dana-rivers" };

/** Every page and route handler under app/, as a path template ("/admin/products/[id]"); Auth.js's catch-all aside. */
function routeTemplates(dir = "app", prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("[...")) continue;
      // Route groups "(portal)" add nothing to the URL.
      found.push(...routeTemplates(full, /^\(.*\)$/.test(entry.name) ? prefix : `${prefix}/${entry.name}`));
    } else if (/^(page|route)\.tsx?$/.test(entry.name)) found.push(prefix || "/");
  }
  return found;
}

function fill(template: string, value: (name: string) => string): string {
  return template.replace(/\[(\w+)\]/g, (_, name: string) => value(name));
}

function urls(): string[] {
  const list = new Set<string>();
  for (const template of routeTemplates()) {
    for (const bad of /\[\w+\]/.test(template) ? segments : []) list.add(fill(template, () => bad));
    for (const query of queries) list.add(`${fill(template, (name) => valid[name] ?? "1")}?${query}`);
  }
  return [...list];
}

test.describe("hostile input on every route", () => {
  test.setTimeout(300_000);
  const all = urls();

  for (const who of ["guest", "distributor", "admin"] as const) {
    test(`no route answers a 500 to a ${who}`, async ({ page }) => {
      if (who === "guest") await signOutBrowser(page);
      else await signInAs(page, who === "admin" ? demo.admin.email : demo.distributor.email, demo.password);
      const failures: string[] = [];
      for (const url of all) {
        const response = await page.request.get(url, { maxRedirects: 0, failOnStatusCode: false });
        if (response.status() >= 500) failures.push(`${response.status()} ${url}`);
      }
      expect(failures).toEqual([]);
      expect(all.length).toBeGreaterThan(100);
    });
  }
});
