import { demo, expect, signOutBrowser, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";

test.describe("sign-in", () => {
  test("a signed-out visit to /dashboard lands on the sign-in page", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(page.getByRole("heading", { name: /Sign in to/ })).toBeVisible();
  });

  test("the demo distributor signs in, sees the shell, and signs out", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(demo.distributor.email, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: `Welcome, ${demo.distributor.name}` })).toBeVisible();
    await expect(page.getByTestId("user-role")).toHaveText("Distributor");
    const nav = page.getByRole("navigation", { name: "Main" }).first();
    for (const label of ["Dashboard", "Team", "Orders", "Earnings", "Shop"]) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    // A distributor who types the admin URL gets a 404, not the admin area.
    const admin = await page.goto("/admin");
    expect(admin?.status()).toBe(404);
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the demo admin signs in to the back office's figures", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(demo.admin.email.toUpperCase(), demo.password);
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
    const overview = page.getByTestId("admin-overview");
    await expect(overview.getByRole("heading", { name: /^Today, / })).toBeVisible();
    await expect(overview.getByRole("heading", { name: /^Open period: / })).toBeVisible();
    await expect(overview.getByRole("heading", { name: "Payouts to make" })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { name: `Welcome, ${demo.admin.name}` })).toBeVisible();
    await expect(page.getByTestId("user-role")).toHaveText("Administrator");
  });

  test("a wrong password and an unknown email get the same clear error", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(demo.distributor.email, "not-the-password");
    await expect(signInPage.error).toContainText("do not match an account");
    const wrongPassword = await signInPage.error.textContent();
    // The email stays typed in; the password does not.
    await expect(page.getByLabel("Email")).toHaveValue(demo.distributor.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await signInPage.signIn("nobody@example.com", "not-the-password");
    await expect(signInPage.error).toHaveText(wrongPassword ?? "");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an invalid email is refused before any lookup", async ({ signInPage, page }) => {
    await signInPage.goto();
    await signInPage.signIn("not-an-email", "whatever");
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  });

  test("after sign-in the user returns to the page they asked for", async ({ page, signInPage }) => {
    await page.goto("/dashboard/team");
    await expect(page).toHaveURL(/\/sign-in/);
    await signInPage.signIn(demo.distributor.email, demo.password);
    await expect(page).toHaveURL(/\/dashboard\/team$/);
  });

  test("a session saved before sign-out opens nothing afterwards", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(demo.distributor.email, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const saved = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    // Replay the old session cookie, as someone who copied it would.
    await page.context().addCookies(saved);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a return path never leads to another site, and a newline in it is no error", async ({ page, signInPage, baseURL }) => {
    await signInPage.goto();
    await signInPage.signIn(demo.distributor.email, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    for (const callbackUrl of [
      "%2F%09%2Fevil.example%2Fphish",
      "%2F%5Cevil.example",
      "%2F.%2F%2Fevil.example",
      "%2F%0A%2Fevil.example",
      "%2F%0D%0ASet-Cookie%3Ax%3D1",
    ]) {
      const response = await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
      expect(response?.status(), callbackUrl).toBe(200);
      expect(new URL(page.url()).origin, callbackUrl).toBe(new URL(baseURL!).origin);
      await expect(page, callbackUrl).toHaveURL(/\/dashboard$/);
    }
  });

  test("after five wrong passwords an account is locked for a while, even for the right one", async ({ page, signInPage }) => {
    // A client address of its own: the other tests' attempts do not count against it.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
    const prospect = newProspect("Locked");
    const join = new JoinPage(page);
    await join.goto("dana-rivers");
    await join.signUp(prospect);
    await expect(join.checkInbox).toContainText("Check your inbox");
    await signOutBrowser(page);
    await signInPage.goto();
    // Each attempt waits for its own answer: the error text repeats, so it alone cannot tell them apart.
    const attempt = async (email: string, password: string) => {
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), signInPage.signIn(email, password)]);
    };
    for (let i = 0; i < 6; i++) {
      await attempt(prospect.email, `wrong-password-${i}`);
      await expect(signInPage.error).toContainText("do not match an account");
    }
    await attempt(prospect.email, prospect.password);
    await expect(signInPage.error).toContainText("Too many sign-in attempts. For your security, try again in 1 minute.");
    await expect(page).toHaveURL(/\/sign-in/);
    // The same answer for an email nobody has: the lock tells a stranger nothing.
    const nobody = newProspect("Nobody").email;
    for (let i = 0; i < 7; i++) await attempt(nobody, `wrong-password-${i}`);
    await expect(signInPage.error).toContainText("Too many sign-in attempts. For your security, try again in 1 minute.");
  });

  test("@phone the shell works 360 px wide", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.signIn(demo.distributor.email, demo.password);
    await expect(page.getByRole("heading", { name: `Welcome, ${demo.distributor.name}` })).toBeVisible();
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Earnings" }).first().click();
    await expect(page).toHaveURL(/\/dashboard\/earnings$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
