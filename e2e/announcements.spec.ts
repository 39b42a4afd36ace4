import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, test } from "./fixtures";

// The admin's announcement composer: write, preview (the text as it will
// read), confirm a send that states how many distributors it reaches, and
// find it in the list of sent announcements. The subject is unique per run.

test("an admin writes, previews and sends an announcement to N distributors; it appears in the list", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Announcements" }).click();
  await expect(page.getByRole("heading", { name: "Announcements", level: 1 })).toBeVisible();

  // A bad draft: a clear message, nothing previewed.
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("announcement-subject-error")).toHaveText("Write a subject of at least 3 characters.");
  await expect(page.getByTestId("announcement-preview")).toHaveCount(0);

  const subject = `Spring catalog ${Date.now().toString(36)}`;
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message").fill("Our spring catalog is out\nin every market.\n\nOrder early: the new bundles go fast.");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("announcement-preview");
  await expect(preview.getByRole("heading", { name: subject })).toBeVisible();
  // Paragraphs as they will read: single line breaks are spaces.
  await expect(preview.locator("article p")).toHaveText(["Our spring catalog is out in every market.", "Order early: the new bundles go fast."]);
  expect(await seriousAxeViolations(page)).toEqual([]);

  const send = preview.getByRole("button", { name: /^Send to [\d,]+ distributors?$/ });
  const n = Number((await send.textContent())!.replace(/\D/g, ""));
  expect(n).toBeGreaterThan(0);
  await expect(preview.getByText(`Send this to ${n.toLocaleString("en-US")} distributor${n === 1 ? "" : "s"} now. It cannot be recalled.`)).toBeVisible();
  // Unconfirmed: refused, nothing sent.
  await send.click();
  await expect(preview.getByTestId("form-message")).toHaveText("Tick the box to confirm: an announcement cannot be recalled once sent.");
  await preview.getByRole("checkbox").check();
  await send.click();
  await expect(page.getByTestId("form-message").last()).toContainText(`“${subject}” is on its way to ${n.toLocaleString("en-US")} distributor`);
  await expect(page.getByTestId("announcement-preview")).toHaveCount(0);

  const item = page.getByTestId("announcements").locator("li", { hasText: subject });
  await expect(item).toContainText(`by ${demo.admin.name}`);
  // The fan-out runs in the background: reload until the worker has gone through everyone.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("announcements").locator("li", { hasText: subject }).getByTestId("announcement-progress")).toHaveText(
      `Notified ${n.toLocaleString("en-US")} distributor${n === 1 ? "" : "s"}`,
    );
  }).toPass({ timeout: 30_000 });
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  expect(await horizontalOverflow(page), "the announcements page scrolls sideways at 360 px").toBeLessThanOrEqual(0);
});
