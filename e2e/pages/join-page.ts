import { expect, type Locator, type Page } from "@playwright/test";

export interface Prospect {
  name: string;
  email: string;
  password: string;
  country: string;
}

let sequence = 0;

/** A prospect no earlier test (or run, on a reused database) has used. */
export function newProspect(label = "Prospect"): Prospect {
  const unique = `${Date.now().toString(36)}${(++sequence).toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  return { name: `${label} ${unique}`, email: `e2e.${unique}@example.test`, password: "a-strong-passphrase", country: "United Kingdom" };
}

/**
 * A benchmarking-range address per call: sent as X-Forwarded-For to the suite's server (which believes one
 * proxy hop, TRUST_PROXY=1), it makes each test its own client for the limits by address.
 */
export function uniqueIp(): string {
  return `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

/** The public referral pages: /join/[code] and /join. */
export class JoinPage {
  constructor(private readonly page: Page) {}

  goto(code?: string) {
    return this.page.goto(code === undefined ? "/join" : `/join/${code}`);
  }

  get sponsorName(): Locator {
    return this.page.getByTestId("sponsor-name");
  }

  get form(): Locator {
    return this.page.getByRole("region", { name: "Create your distributor account" });
  }

  get submit(): Locator {
    return this.page.getByRole("button", { name: /^Join / });
  }

  get formError(): Locator {
    return this.page.getByTestId("form-error");
  }

  get notice(): Locator {
    return this.page.getByTestId("member-notice");
  }

  get invalidLink(): Locator {
    return this.page.getByTestId("invalid-link");
  }

  async fill(p: Prospect, { agree = true }: { agree?: boolean } = {}) {
    await this.page.getByLabel("Full name").fill(p.name);
    await this.page.getByLabel("Email").fill(p.email);
    await this.page.getByLabel("Password").fill(p.password);
    await this.page.getByLabel("Country").selectOption({ label: p.country });
    if (agree) await this.page.getByLabel(/I have read and accept the distributor agreement/).check();
  }

  async signUp(p: Prospect) {
    await this.fill(p);
    await this.submit.click();
  }

  /** The answer to every accepted signup (a taken email's too): the verification link is in the mail. */
  get checkInbox(): Locator {
    return this.page.getByTestId("form-success");
  }

  /**
   * Signs up, then takes the account through verification the way an admin
   * can (the suite's server keeps mail in its outbox: e2e/verify-email.spec.ts
   * follows the emailed link itself), then signs in: the new member lands on
   * the welcome dashboard, in the sponsor's team.
   */
  async signUpVerified(p: Prospect) {
    await this.signUp(p);
    await this.verifyAndSignIn(p);
  }

  /** After a signup: "Check your inbox", an admin's verification, and the member's first sign-in. */
  async verifyAndSignIn(p: Prospect) {
    await expect(this.checkInbox).toContainText("Check your inbox");
    await verifySignupAsAdmin(this.page, p.email);
    await this.page.goto("/sign-in?callbackUrl=%2Fdashboard%3Fwelcome%3D1");
    await this.page.getByLabel("Email").fill(p.email);
    await this.page.getByLabel("Password").fill(p.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await expect(this.page).toHaveURL(/\/dashboard\?welcome=1$/);
  }
}

/** An admin, in a browser session of their own, verifies a signup by hand at /admin/signups. */
export async function verifySignupAsAdmin(page: Page, email: string) {
  const context = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin });
  try {
    const admin = await context.newPage();
    await admin.goto("/sign-in");
    await admin.getByLabel("Email").fill("admin@example.com");
    await admin.getByLabel("Password").fill("lineage-demo");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect(admin).toHaveURL(/\/admin$/);
    await admin.goto("/admin/signups");
    const row = admin.getByRole("listitem").filter({ hasText: email });
    await row.getByText("Verify now").click();
    await row.getByRole("checkbox").check();
    await row.getByRole("button", { name: /^Verify / }).click();
    await expect(admin.getByTestId("form-message").last()).toContainText("Verified");
  } finally {
    await context.close();
  }
}
