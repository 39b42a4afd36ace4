import { test as base, expect, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

export const demo = {
  password: "lineage-demo",
  admin: { email: "admin@example.com", name: "Avery Admin" },
  distributor: { email: "demo@example.com", name: "Dana Rivers" },
} as const;

export const test = base.extend<{ signInPage: SignInPage }>({
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
});

export { expect };

/** Signs in with a demo password from a clean session and waits for the landing page (admins: /admin). */
export async function signInAs(page: Page, email: string): Promise<void> {
  await signOutBrowser(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(email === demo.admin.email ? /\/admin$/ : /\/dashboard$/);
}

/**
 * Forgets the session: leave the page first, so no request still in flight can
 * set the session cookie again after the cookies are cleared.
 */
export async function signOutBrowser(page: Page): Promise<void> {
  await page.goto("about:blank");
  await page.context().clearCookies();
}
