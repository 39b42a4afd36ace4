import type { Page } from "@playwright/test";
import { formatRunDate, nextRunDate } from "../lib/autoship/cycle";
import { signSkipToken } from "../lib/autoship/skip-token";
import { horizontalOverflow, seriousAxeViolations } from "./axe";
import { demo, expect, signInAs, signOutBrowser, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp, type Prospect } from "./pages/join-page";
import { demoCards, futureExpiry, ShopPage, ukAddress } from "./pages/shop-page";
import { TeamPage } from "./pages/team-page";
import { e2eServerEnv } from "./server";

// Autoship in the browser (issue 19), with demo payments: a new member starts
// one, skips its next order, changes its card, pauses, resumes and cancels it;
// the reminder's skip link works signed out; the dashboard and the sponsor's
// team (table, member card, tree) show it. A run itself needs the clock to reach its day, which the
// browser suite cannot advance: lib/autoship/*.int.test.ts run them.

const env = e2eServerEnv("unused");
const secret = env.AUTH_SECRET!;
/** The server's date when the suite starts (its clock starts at a fixed instant at noon and runs on). */
const today = env.LINEAGE_CLOCK_START!.slice(0, 10);

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
});

/** A new distributor under Dana, from the United Kingdom, signed in. */
async function newMember(page: Page, label: string): Promise<Prospect> {
  const prospect = newProspect(label);
  await signOutBrowser(page);
  const join = new JoinPage(page);
  await join.goto("dana-rivers");
  await join.signUpVerified(prospect);
  return prospect;
}

async function signInWithPassword(page: Page, p: Prospect) {
  await signOutBrowser(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(p.email);
  await page.getByLabel("Password").fill(p.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

const quantity = (page: Page, product: string) => page.getByRole("spinbutton", { name: new RegExp(`^${product}`) });

async function fillCard(page: Page, number: string, expiry = futureExpiry) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill(expiry);
  await page.getByLabel("Security code").fill("123");
}

/** Opens the autoship page once React has hydrated its forms (a dialog's button does nothing before). */
async function openAutoship(page: Page, selector = "#dayOfMonth") {
  await page.goto("/dashboard/autoship");
  await new ShopPage(page).waitForHydration(selector);
}

/** Starts an autoship from the setup form; returns its id (the forms carry it) and its first date. */
async function startAutoship(page: Page, items: Record<string, number>, day: number): Promise<{ subscriptionId: number; first: string }> {
  await openAutoship(page);
  for (const [name, n] of Object.entries(items)) await quantity(page, name).fill(String(n));
  await page.getByLabel("Day of the month").selectOption(String(day));
  await new ShopPage(page).fillShippingAddress(ukAddress);
  await fillCard(page, demoCards.success);
  await page.getByRole("button", { name: "Start autoship" }).click();
  await expect(page).toHaveURL(/\/dashboard\/autoship\?started=1$/);
  await expect(page.getByTestId("autoship-summary")).toBeVisible();
  const subscriptionId = Number(await page.locator('input[name="subscriptionId"]').first().inputValue());
  return { subscriptionId, first: nextRunDate(day, today) };
}

test.describe("autoship", () => {
  test("a member starts an autoship, skips the next order, changes the card, pauses, resumes and cancels it", async ({ page }) => {
    await newMember(page, "Autoship");
    const card = page.getByTestId("autoship-card");
    await page.goto("/dashboard");
    await expect(card).toHaveAttribute("data-state", "none");
    await card.getByRole("link", { name: "Set up autoship" }).click();
    await expect(page).toHaveURL(/\/dashboard\/autoship$/);
    await new ShopPage(page).waitForHydration("#dayOfMonth");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The PV, the first date and the total follow the choices, before anything is sent.
    await quantity(page, "Daily Greens").fill("2");
    await expect(page.getByTestId("autoship-pv")).toHaveText("80 PV a month: 20 PV short of the 100 PV that keeps you active, unless you order more.");
    await quantity(page, "Plant Protein, Vanilla").fill("1");
    await expect(page.getByTestId("autoship-pv")).toHaveText("130 PV a month: enough on its own to keep you active (100 PV).");
    await page.getByLabel("Day of the month").selectOption("20");
    const first = nextRunDate(20, today);
    const second = nextRunDate(20, first);
    await expect(page.getByTestId("autoship-first-run")).toHaveText(`First order on ${formatRunDate(first)}, then on the same day every month.`);
    await new ShopPage(page).fillShippingAddress(ukAddress);
    await expect(page.getByTestId("order-total")).toHaveText("$171.95");

    // A bad card number: its field says so, the rest of the form stays, and nothing is started.
    await fillCard(page, "1234 5678 9012");
    await page.getByRole("button", { name: "Start autoship" }).click();
    await expect(page.getByText("Enter a valid card number.")).toBeVisible();
    await expect(page.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("autoship-summary")).toHaveCount(0);
    await expect(quantity(page, "Daily Greens")).toHaveValue("2");
    await expect(page.getByLabel("City")).toHaveValue(ukAddress.city);

    await fillCard(page, demoCards.success);
    await page.getByRole("button", { name: "Start autoship" }).click();
    await expect(page).toHaveURL(/\/dashboard\/autoship\?started=1$/);
    await expect(page.getByTestId("autoship-started")).toHaveText("Autoship is on. We remind you 3 days before each order.");
    await expect(page.getByRole("heading", { name: "Autoship is on: the 20th of every month" })).toBeVisible();
    const next = page.getByTestId("autoship-next");
    await expect(next).toHaveText(`Next order on ${formatRunDate(first)}: $171.95, 130 PV, charged to the card ending 4242.`);
    await expect(page.getByText(`No order yet: the first is on ${formatRunDate(first)}.`)).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto("/dashboard");
    await expect(card).toHaveAttribute("data-state", "keeps-active");
    await expect(card).toContainText(`Your autoship on the 20th adds 130 PV: it keeps you active. Next order on ${formatRunDate(first)}.`);

    // Skip: the dialog states the effect; "Go back" changes nothing.
    await openAutoship(page, 'input[name="subscriptionId"]');
    const skipDialog = page.getByRole("alertdialog", { name: `Skip the ${formatRunDate(first)} order?` });
    await page.getByRole("button", { name: "Skip next order" }).click();
    await expect(skipDialog).toBeVisible();
    await expect(skipDialog).toContainText("Nothing is ordered or charged that month. Autoship carries on the month after.");
    await expect(skipDialog).toContainText("Without the order’s 130 PV, check that you still reach the activity minimum this month.");
    await skipDialog.getByRole("button", { name: "Go back" }).click();
    await expect(skipDialog).toBeHidden();
    await openAutoship(page, 'input[name="subscriptionId"]');
    await expect(next).toContainText(`Next order on ${formatRunDate(first)}:`);
    await expect(page.getByTestId("autoship-runs")).toHaveCount(0);

    await page.getByRole("button", { name: "Skip next order" }).click();
    await skipDialog.getByRole("button", { name: "Skip it" }).click();
    await expect(page.getByTestId("form-message")).toHaveText(`The ${formatRunDate(first)} run is skipped. The next run is on ${formatRunDate(second)}.`);
    await expect(next).toContainText(`Next order on ${formatRunDate(second)}:`);
    const skipped = page.getByTestId("autoship-runs").getByRole("listitem");
    await expect(skipped).toHaveCount(1);
    await expect(skipped).toContainText(formatRunDate(first));
    await expect(skipped).toContainText("Skipped");

    // The card: a bad number is refused on its field and saves nothing; a good one replaces it.
    const cardSummary = page.getByText("Card (Visa ending 4242, expires 12/2030)");
    await cardSummary.click();
    const cardForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save card" }) });
    await cardForm.getByLabel("Card number").fill("4242 4242 4242 4241");
    await cardForm.getByLabel("Expiry (MM/YY)").fill("11/31");
    await cardForm.getByLabel("Security code").fill("123");
    await cardForm.getByRole("button", { name: "Save card" }).click();
    await expect(cardForm.getByText("Enter a valid card number.")).toBeVisible();
    await expect(cardForm.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
    await openAutoship(page, 'input[name="subscriptionId"]');
    await expect(cardSummary).toBeVisible();
    await cardSummary.click();
    await cardForm.getByLabel("Card number").fill(demoCards.success);
    await cardForm.getByLabel("Expiry (MM/YY)").fill("11/31");
    await cardForm.getByLabel("Security code").fill("321");
    await cardForm.getByRole("button", { name: "Save card" }).click();
    await expect(cardForm.getByTestId("form-message")).toHaveText("Card saved: the next run is charged to it.");
    await expect(page.getByText("Card (Visa ending 4242, expires 11/2031)")).toBeVisible();

    // Pause (asked first), then the dashboard says so; resume.
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    const pauseDialog = page.getByRole("alertdialog", { name: "Pause autoship?" });
    await expect(pauseDialog).toContainText("No order is placed or charged until you resume it.");
    await pauseDialog.getByRole("button", { name: "Pause it" }).click();
    await expect(page.getByRole("heading", { name: "Autoship is paused" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Skip next order" })).toHaveCount(0);
    await page.goto("/dashboard");
    await expect(card).toHaveAttribute("data-state", "paused");
    await expect(card).toContainText("Your autoship is paused: no order is placed or charged until you resume it.");
    await card.getByRole("link", { name: "Resume autoship" }).click();
    await expect(page).toHaveURL(/\/dashboard\/autoship$/);
    await new ShopPage(page).waitForHydration('input[name="subscriptionId"]');
    await page.getByRole("button", { name: "Resume autoship" }).click();
    await expect(page.getByRole("heading", { name: "Autoship is on: the 20th of every month" })).toBeVisible();
    await expect(next).toContainText(`Next order on ${formatRunDate(second)}:`);

    // Cancel, through its dialog; then the page offers to start a new one.
    await page.getByRole("button", { name: "Cancel autoship" }).click();
    const cancelDialog = page.getByRole("alertdialog", { name: "Cancel your autoship?" });
    await expect(cancelDialog).toContainText("No more orders are placed or charged. Orders already placed stay as they are, and the history is kept.");
    await cancelDialog.getByRole("button", { name: "Cancel autoship" }).click();
    await expect(page.getByRole("button", { name: "Start autoship" })).toBeVisible();
    await expect(page.getByTestId("autoship-summary")).toHaveCount(0);
    await page.goto("/dashboard");
    await expect(card).toHaveAttribute("data-state", "none");
  });

  test("the reminder's skip link shows the order and skips it signed out; an altered link does not work", async ({ page }) => {
    const member = await newMember(page, "Skiplink");
    const { subscriptionId, first } = await startAutoship(page, { "Daily Greens": 1 }, 22);
    const second = nextRunDate(22, first);

    // 40 PV is short of the demo plan's 100: the dashboard says by how much.
    await page.goto("/dashboard");
    const card = page.getByTestId("autoship-card");
    await expect(card).toHaveAttribute("data-state", "short");
    await expect(card).toContainText(
      `Your autoship on the 22nd adds 40 PV: its next order, on ${formatRunDate(first)}, will not reach the activity minimum of 100 PV. It is 60 PV short`,
    );

    await signOutBrowser(page);
    const token = signSkipToken(secret, subscriptionId, first);
    const altered = [
      `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      signSkipToken(secret, subscriptionId, first).replace(first, second),
      signSkipToken("not-the-secret-0123456789abcdef0123456789", subscriptionId, first),
    ];
    for (const bad of altered) {
      await page.goto(`/autoship/skip/${bad}`);
      await expect(page.getByRole("heading", { name: "This link does not work" }), bad).toBeVisible();
    }
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`/autoship/skip/${token}`);
    await expect(page.getByRole("heading", { name: `Skip your ${formatRunDate(first)} autoship?` })).toBeVisible();
    await expect(page.getByText(/^1 × Daily Greens: \$63\.95, 40 PV\./)).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await new ShopPage(page).waitForHydration("button[type=submit]");
    await page.getByRole("button", { name: "Skip this order" }).click();
    // The form says what was done, as a status message.
    await expect(page.getByTestId("skip-result")).toHaveText(
      `Skipped: nothing is ordered or charged on ${formatRunDate(first)}. Your next autoship is on ${formatRunDate(second)}.`,
    );
    // The link again: the same answer, and nothing more to do.
    await page.reload();
    await expect(page.getByRole("heading", { name: `The ${formatRunDate(first)} order is skipped` })).toBeVisible();
    await expect(page.getByTestId("skip-done")).toContainText(`Nothing is ordered or charged that day. Your next autoship is on ${formatRunDate(second)}.`);
    await expect(page.getByRole("button", { name: "Skip this order" })).toHaveCount(0);

    await signInWithPassword(page, member);
    await page.goto("/dashboard/autoship");
    await expect(page.getByTestId("autoship-next")).toContainText(`Next order on ${formatRunDate(second)}:`);
    await expect(page.getByTestId("autoship-runs")).toContainText("Skipped");

    // The sponsor's team shows the member's autoship, in the table and on the member's card.
    await signInAs(page, demo.distributor.email);
    const team = new TeamPage(page);
    await team.goto(`?q=${encodeURIComponent(member.name)}`);
    await expect(team.rows).toHaveCount(1);
    await expect(team.rows.getByTestId("autoship-badge")).toHaveText("Autoship");
    expect(await team.column("Name")).toEqual([member.name]);
    await team.rows.getByRole("link", { name: member.name }).click();
    await expect(page.getByTestId("member-card").getByTestId("autoship-badge")).toBeVisible();
    // And in the tree, found by name.
    await page.goto("/dashboard/team/tree");
    await page.getByLabel("Find a member by name").fill(member.name);
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByTestId("tree-search-results").getByRole("button").first().click();
    const found = page.getByRole("treeitem", { name: member.name }).and(page.locator('[aria-selected="true"]'));
    await expect(found).toContainText("· Autoship");
    await expect(page.getByTestId("tree-card").getByTestId("autoship-badge")).toBeVisible();
  });

  test("the autoship pages fit a phone @phone", async ({ page }) => {
    await newMember(page, "Autoship phone");
    await openAutoship(page);
    expect(await page.evaluate(() => window.innerWidth)).toBe(360);
    expect(await horizontalOverflow(page), "setup form").toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page), "setup form").toEqual([]);
    const { subscriptionId, first } = await startAutoship(page, { "Daily Greens": 3 }, 25);
    expect(await horizontalOverflow(page), "manage view").toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page), "manage view").toEqual([]);
    await new ShopPage(page).waitForHydration('input[name="subscriptionId"]');
    await page.getByRole("button", { name: "Cancel autoship" }).click();
    await expect(page.getByRole("alertdialog", { name: "Cancel your autoship?" })).toBeVisible();
    expect(await horizontalOverflow(page), "cancel dialog").toBeLessThanOrEqual(0);
    await page.getByRole("alertdialog").getByRole("button", { name: "Go back" }).click();
    await page.goto("/dashboard");
    await expect(page.getByTestId("autoship-card")).toHaveAttribute("data-state", "keeps-active");
    expect(await horizontalOverflow(page), "dashboard").toBeLessThanOrEqual(0);

    await signOutBrowser(page);
    await page.goto(`/autoship/skip/${signSkipToken(secret, subscriptionId, first)}`);
    await expect(page.getByRole("heading", { name: `Skip your ${formatRunDate(first)} autoship?` })).toBeVisible();
    expect(await horizontalOverflow(page), "skip page").toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page), "skip page").toEqual([]);
  });
});
