import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, test } from "./fixtures";

// The company page (/admin/company): the name and the emails' colour. The demo
// company is shared with every spec, so this one changes only the colour and
// puts it back.
test("an admin sets the emails' colour: a colour white text cannot be read on is refused, a dark one is saved", async ({ page }) => {
  await signInAs(page, demo.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Company", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Company" })).toBeVisible();
  const colour = page.getByRole("textbox", { name: "Email colour", exact: true });
  const before = await colour.inputValue();

  await colour.fill("#fde68a");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("company-brandColor-error")).toHaveText("Too light: white text on it would be hard to read. Choose a darker colour.");
  await expect(colour).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("textbox", { name: "Company name" }).fill("");
  await colour.fill("#1E3A8A");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("company-name-error")).toHaveText("Enter the company's name (at least 2 characters).");
  await page.reload();
  await expect(colour).toHaveValue(before);

  await colour.fill("#1E3A8A");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("form-message")).toContainText("Saved.");
  await page.reload();
  await expect(colour).toHaveValue("#1e3a8a");
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await horizontalOverflow(page)).toBe(0);

  await colour.fill(before);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("form-message")).toContainText("Saved.");
});
