import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";

// Dana Rivers, the demo distributor, has the fixed code "dana-rivers"; the house account has "lineage".
const danaCode = "dana-rivers";
const company = "Verdant Wellness (demo)";

// Every test is its own client for the per-address signup limit: the suite's server believes one
// proxy hop (TRUST_PROXY=1), and the browser, as that proxy, names the client in X-Forwarded-For.
test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

test.describe("referral links", () => {
  test("a prospect joins from Dana's link, lands on the dashboard, and Dana finds them in generation 1", async ({ page }) => {
    const join = new JoinPage(page);
    const dashboard = new DashboardPage(page);
    await signInAs(page, demo.distributor.email);
    const visits = await dashboard.counter("link-visits");
    const signups = await dashboard.counter("link-signups");
    await signOutBrowser(page);

    const prospect = newProspect();
    const response = await join.goto(danaCode);
    expect(response?.status()).toBe(200);
    await expect(join.sponsorName).toHaveText(demo.distributor.name);
    await expect(page.getByRole("heading", { name: /Why Verdant Wellness/ })).toBeVisible();
    await join.signUpVerified(prospect);
    await expect(dashboard.welcome).toContainText(`Welcome to the team! Your sponsor is ${demo.distributor.name}.`);
    await expect(page.getByRole("heading", { name: `Welcome, ${prospect.name}` })).toBeVisible();
    // Their own link, on this host, with a code derived from their name (its first 20 characters).
    const slug = prospect.name.toLowerCase().replace(/ /g, "-").slice(0, 20).replace(/-+$/, "");
    await expect(dashboard.referralUrl).toHaveValue(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/join/${slug}-[a-z2-9]{3}$`));

    await signInAs(page, demo.distributor.email);
    await expect(dashboard.recruits.first()).toContainText(prospect.name);
    expect(await dashboard.counter("link-visits")).toBe(visits + 1);
    expect(await dashboard.counter("link-signups")).toBe(signups + 1);
  });

  test("a name with markup is shown as text, never run", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const join = new JoinPage(page);
    const base = newProspect();
    const xss = { ...base, name: `<img src=x onerror=alert(1)><script>alert(2)</script> ${base.name.split(" ")[1]}` };
    await join.goto(danaCode);
    await join.signUpVerified(xss);
    await expect(page.getByRole("heading", { name: `Welcome, ${xss.name}` })).toBeVisible();

    await signInAs(page, demo.distributor.email);
    await expect(page.getByTestId("recent-recruits").getByText(xss.name, { exact: true })).toBeVisible();
    await expect(page.locator("img[src='x']")).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test("the first link opened is remembered: /join without a code still joins that team", async ({ page }) => {
    const join = new JoinPage(page);
    await join.goto(danaCode);
    // A second link does not take the attribution over.
    await join.goto("lineage");
    await join.goto();
    await expect(join.sponsorName).toHaveText(demo.distributor.name);
    await expect(page.getByText(`You’re joining ${demo.distributor.name}’s team.`)).toBeVisible();

    const prospect = newProspect("Cookie");
    await join.signUpVerified(prospect);
    await expect(new DashboardPage(page).welcome).toContainText(`Your sponsor is ${demo.distributor.name}.`);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "lineage_ref")).toBeUndefined();
  });

  test("with no link and no cookie, a prospect joins the company directly, and admins see it", async ({ page }) => {
    const join = new JoinPage(page);
    await join.goto();
    await expect(page.getByRole("heading", { level: 1, name: `Join ${company}` })).toBeVisible();
    await expect(join.sponsorName).toHaveCount(0);
    const prospect = newProspect("Direct");
    await join.signUpVerified(prospect);
    await expect(new DashboardPage(page).welcome).toContainText(`Welcome to the team! You joined ${company} directly.`);

    await signInAs(page, demo.admin.email);
    await page.goto("/dashboard");
    await expect(page.getByTestId("direct-signups")).toContainText(prospect.name);
    await expect(page.getByTestId("direct-signups")).toContainText(prospect.email);
  });

  test("a distributor opening their own link sees a notice and their share card, not a signup", async ({ page }) => {
    const join = new JoinPage(page);
    await signInAs(page, demo.distributor.email);
    await join.goto(danaCode);
    await expect(join.notice).toContainText("This is your referral link");
    await expect(page.getByTestId("share-link-card")).toBeVisible();
    await expect(join.form).toHaveCount(0);

    await join.goto("lineage");
    await expect(join.notice).toContainText("You’re already a member");
    await expect(join.form).toHaveCount(0);
  });

  test("a taken email gets the same answer as a new one: nothing tells a stranger the account exists", async ({ page }) => {
    const join = new JoinPage(page);
    await join.goto(danaCode);
    await join.signUp({ ...newProspect(), email: demo.distributor.email.toUpperCase() });
    await expect(join.checkInbox).toContainText("Check your inbox");
    await expect(join.checkInbox).toContainText(demo.distributor.email);
    await expect(join.checkInbox).not.toContainText(demo.distributor.name);
    await expect(page.locator("#email-error")).toHaveCount(0);
  });

  test("invalid links all get the same 404 page with a way to join directly", async ({ page }) => {
    const join = new JoinPage(page);
    const texts = new Set<string>();
    for (const code of ["no-such-code-zz", "bad%20code", "a".repeat(100), "ab", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%ZZ", "-"]) {
      const response = await join.goto(code);
      expect(response?.status(), code).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
      await expect(page).toHaveTitle(/^This link is not valid/);
      texts.add(await join.invalidLink.innerText());
    }
    expect(texts.size).toBe(1);
    await page.getByRole("link", { name: "Join the company directly" }).click();
    await expect(page).toHaveURL(/\/join$/);
    await expect(page.getByRole("heading", { level: 1, name: `Join ${company}` })).toBeVisible();
  });

  test("bad input is explained field by field, and the form works from the keyboard", async ({ page }) => {
    const join = new JoinPage(page);
    await join.goto(danaCode);
    await page.getByLabel("Full name").focus();
    await page.keyboard.press("Enter");
    await expect(join.formError).toHaveText("Check the highlighted fields.");
    for (const message of [
      "Enter your name.",
      "Enter a valid email address.",
      "Choose a password of at least 10 characters.",
      "Accept the distributor agreement to join.",
    ]) {
      await expect(page.getByText(message)).toBeVisible();
    }
    await expect(page.getByLabel("Full name")).toBeFocused();
    await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");

    // Keyboard only: type, tab, choose, tick, submit.
    const prospect = newProspect("Keys");
    await page.keyboard.type(prospect.name);
    await page.keyboard.press("Tab");
    await page.keyboard.type(prospect.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(prospect.password);
    await page.keyboard.press("Tab");
    await page.getByLabel("Country").selectOption("GB");
    await page.getByLabel("Country").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await expect(page.getByLabel(/I have read and accept/)).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Read the distributor agreement" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(join.submit).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(join.checkInbox).toContainText("Check your inbox");
  });

  test("signups are rate-limited per IP", async ({ page }) => {
    // The limit counts per fixed minute (the server's clock, set by
    // LINEAGE_CLOCK_START, ticks its seconds with this machine's): start early
    // in one, so all eleven attempts fall into the same window.
    const second = new Date().getSeconds();
    if (second > 30) await page.waitForTimeout((61 - second) * 1000);
    const join = new JoinPage(page);
    await join.goto(danaCode);
    for (let i = 0; i < 10; i++) {
      // Every attempt counts, valid or not: ten empty submissions use the allowance.
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), join.submit.click()]);
      await expect(join.formError).toHaveText("Check the highlighted fields.");
    }
    await join.signUp(newProspect("Limited"));
    await expect(join.formError).toContainText("Too many signups from your network just now.");
    await expect(page).toHaveURL(new RegExp(`/join/${danaCode}$`));
  });

  test("a distributor changes their code; the old link redirects, taken and malformed codes are refused", async ({ page }) => {
    const join = new JoinPage(page);
    const dashboard = new DashboardPage(page);
    await join.goto(danaCode);
    const prospect = newProspect("Coder");
    await join.signUpVerified(prospect);
    await expect(dashboard.welcome).toBeVisible();
    const oldUrl = await dashboard.referralUrl.inputValue();
    const oldCode = oldUrl.split("/join/")[1]!;

    await dashboard.changeCode(danaCode);
    await expect(page.getByTestId("code-error")).toHaveText("That code is taken. Try another.");
    await page.getByLabel("New code").fill("no spaces allowed");
    await page.getByRole("button", { name: "Save code" }).click();
    await expect(page.getByTestId("code-error")).toContainText("Use 3 to 32 letters, digits and hyphens");

    const newCode = `coder-${Date.now().toString(36)}`;
    await page.getByLabel("New code").fill(newCode.toUpperCase());
    await page.getByRole("button", { name: "Save code" }).click();
    await expect(page.getByTestId("code-message")).toContainText(`/join/${newCode}`);
    await expect(dashboard.referralUrl).toHaveValue(new RegExp(`/join/${newCode}$`));

    await signOutBrowser(page);
    const response = await join.goto(oldCode);
    expect(response?.request().redirectedFrom()?.url()).toContain(`/join/${oldCode}`);
    await expect(page).toHaveURL(new RegExp(`/join/${newCode}$`));
    await expect(join.sponsorName).toHaveText(prospect.name);
  });

  test("the QR code downloads are the viewer's own, and need a session", async ({ page }) => {
    const anonymous = await page.request.get("/api/referral-qr?format=svg");
    expect(anonymous.status()).toBe(401);
    await signInAs(page, demo.distributor.email);
    await expect(page.getByRole("img", { name: /QR code for http/ })).toBeVisible();

    const svg = await page.request.get("/api/referral-qr?format=svg&code=someone-else");
    expect(svg.status()).toBe(200);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    expect(svg.headers()["content-disposition"]).toBe(`attachment; filename="referral-${danaCode}.svg"`);
    expect(await svg.text()).toContain("<svg");

    const png = await page.request.get("/api/referral-qr?format=png");
    expect(png.headers()["content-type"]).toBe("image/png");
    expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
    expect((await page.request.get("/api/referral-qr?format=gif")).status()).toBe(400);
  });

  test("the copy button copies the link and says so", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signInAs(page, demo.distributor.email);
    const url = await new DashboardPage(page).referralUrl.inputValue();
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    await expect(page.getByTestId("copy-status")).toHaveText("Link copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  });

  test("the agreement has a page of its own, with its version", async ({ page }) => {
    await page.goto("/agreement");
    await expect(page.getByRole("heading", { level: 1, name: "Independent Distributor Agreement" })).toBeVisible();
    await expect(page.getByTestId("agreement-version")).toHaveText("2026-11");
  });
});

test.describe("referral links without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page reads, and the signup posts, with no client JavaScript", async ({ page }) => {
    const join = new JoinPage(page);
    await join.goto(danaCode);
    await expect(join.sponsorName).toHaveText(demo.distributor.name);
    await expect(page.getByRole("button", { name: "Share" })).toHaveCount(0);
    await join.signUp(newProspect("NoScript"));
    await expect(join.checkInbox).toContainText("Check your inbox");
  });
});

test("@phone the referral page and the share card fit 360 px", async ({ page }) => {
  const join = new JoinPage(page);
  await join.goto(danaCode);
  await expect(join.sponsorName).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const prospect = newProspect("Phone");
  await join.signUp(prospect);
  await expect(join.checkInbox).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await join.verifyAndSignIn(prospect);
  await expect(new DashboardPage(page).shareCard).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});
