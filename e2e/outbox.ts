import { expect, type Browser } from "@playwright/test";
import { demo } from "./fixtures";

/**
 * The newest link to `path` in the mail sent to `to`, read as a person trying
 * the demo would: signed in as the demo admin, in a browser context of its
 * own (the caller's session is untouched), from the outbox (/admin/outbox
 * lists the messages, /admin/outbox/<id> shows one with its plain-text part in
 * a <pre>). Waits for the mail worker to have rendered it. `token`: the
 * pattern of what follows `path` (by default a ?token= query).
 */
export async function linkFromOutbox(browser: Browser, baseURL: string, to: string, path: string, token = "\\?token=[A-Za-z0-9_-]{43}"): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demo.admin.email);
    await page.getByLabel("Password").fill(demo.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/admin$/);
    const pattern = new RegExp(`${escape(baseURL)}${escape(path)}${token}`);
    let link: string | undefined;
    await expect(async () => {
      await page.goto("/admin/outbox");
      // The newest message to the address: the highest id among the rows that name it.
      const hrefs = await page
        .locator("tr, li")
        .filter({ hasText: to })
        .locator('a[href*="/admin/outbox/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      const ids = hrefs.map((h) => Number(/\/admin\/outbox\/(\d+)/.exec(h)?.[1])).filter((id) => id > 0);
      expect(ids.length, `a message to ${to} in the outbox`).toBeGreaterThan(0);
      await page.goto(`/admin/outbox/${Math.max(...ids)}`);
      link = pattern.exec((await page.locator("pre").first().textContent()) ?? "")?.[0];
      expect(link, `a link to ${path} in the message's text`).toBeDefined();
    }).toPass({ timeout: 30_000 });
    return link!;
  } finally {
    await context.close();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
