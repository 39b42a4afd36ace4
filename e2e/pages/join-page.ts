import type { Locator, Page } from "@playwright/test";

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
}
