import { demo, expect, signInAs, test } from "./fixtures";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import type { Page } from "@playwright/test";

// The admin outbox (docs/email.md): the e2e server has no SMTP_URL, so every
// message is kept in the outbox, where the admin reads it as it would have gone out.

/** Sends the admin a test email from the outbox page; the new message's id. */
async function sendTestEmail(page: Page): Promise<number> {
  await page.goto("/admin/outbox");
  await page.getByText("Send a test email").click();
  // Refused without the confirmation.
  await page.getByRole("button", { name: "Send the test email" }).click();
  await expect(page.getByTestId("form-message")).toHaveText(/Tick the box to confirm/);
  await page.getByLabel(`Send one test message to ${demo.admin.email}`).check();
  await page.getByRole("button", { name: "Send the test email" }).click();
  const message = page.getByTestId("form-message");
  await expect(message).toHaveText(new RegExp(`Test message #\\d+ is queued for ${demo.admin.email.replace(".", "\\.")}`));
  return Number(/#(\d+)/.exec((await message.textContent()) ?? "")![1]);
}

test.describe("the admin outbox", () => {
  test("a test email is delivered to the outbox within seconds; its page shows the headers, the HTML in a sandboxed frame and the text; the jobs page shows it done", async ({
    page,
  }) => {
    await signInAs(page, demo.admin.email);
    const id = await sendTestEmail(page);
    // The worker renders and "sends" it (to the outbox) within seconds.
    const row = page.getByTestId(`outbox-${id}`);
    await expect(async () => {
      await page.goto(`/admin/outbox?q=${encodeURIComponent(demo.admin.email)}&status=sent`);
      await expect(row).toContainText("Sent", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(row).toContainText("Test email from");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await row.getByRole("link", { name: /Test email from/ }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/outbox/${id}$`));
    const headers = page.getByTestId("email-headers");
    await expect(headers).toContainText(demo.admin.email);
    await expect(headers).toContainText(`<email-${id}.`);
    const frame = page.locator("iframe");
    await expect(frame).toHaveAttribute("sandbox", "");
    await expect(page.frameLocator("iframe").getByText("Mail from the portal works")).toBeVisible();
    await expect(page.getByTestId("email-text")).toContainText(`${demo.admin.name} sent this test message`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The HTML's own route: its own strict policy, framable by this site only.
    const html = await page.request.get(`/admin/outbox/${id}/html`);
    expect(html.status()).toBe(200);
    expect(html.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(html.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(html.headers()["x-frame-options"]).toBe("SAMEORIGIN");

    await page.goto("/admin/jobs");
    const done = page.getByTestId("done-jobs");
    await expect(done.getByRole("link", { name: `Open message #${id}` })).toBeVisible();
    await expect(page.getByTestId("job-count-mail.deliver")).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  test("bad ids get the not-found page; a distributor gets a 404 on the pages and the HTML route", async ({ page }) => {
    await signInAs(page, demo.admin.email);
    for (const path of ["/admin/outbox/abc", "/admin/outbox/0", "/admin/outbox/99999999", "/admin/outbox/1e3"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" }), path).toBeVisible();
    }
    // The HTML route is not a page: a bare 404.
    for (const path of ["/admin/outbox/abc/html", "/admin/outbox/99999999/html"]) expect((await page.request.get(path)).status(), path).toBe(404);
    // A malformed page or status is ignored, never an error.
    expect((await page.goto("/admin/outbox?page=-1&status=nope"))?.status()).toBe(200);
    await signInAs(page, demo.distributor.email);
    for (const path of ["/admin/outbox", "/admin/outbox/1", "/admin/jobs"]) expect((await page.goto(path))?.status(), path).toBe(404);
    const html = await page.request.get("/admin/outbox/1/html", { maxRedirects: 0 });
    expect(html.status()).toBe(404);
  });

  test("@phone the outbox, a message and the jobs page fit 360 px, with no serious accessibility violation", async ({ page }) => {
    await signInAs(page, demo.admin.email);
    const id = await sendTestEmail(page);
    for (const path of ["/admin/outbox", `/admin/outbox/${id}`, "/admin/jobs"]) {
      await page.goto(path);
      expect(await page.evaluate(() => window.innerWidth)).toBe(360);
      expect(await horizontalOverflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page), path).toEqual([]);
    }
  });
});
