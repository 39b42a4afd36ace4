import type { Locator, Page } from "@playwright/test";

/** The dashboard's referral parts: the welcome, the share card, the newest recruits. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  goto() {
    return this.page.goto("/dashboard");
  }

  get welcome(): Locator {
    return this.page.getByTestId("welcome-banner");
  }

  get shareCard(): Locator {
    return this.page.getByTestId("share-link-card");
  }

  get referralUrl(): Locator {
    return this.page.getByLabel("Your referral link");
  }

  get recruits(): Locator {
    return this.page.getByTestId("recruit");
  }

  async counter(name: "link-visits" | "link-signups"): Promise<number> {
    return Number(await this.page.getByTestId(name).textContent());
  }

  async changeCode(code: string) {
    await this.page.getByText("Change your code").click();
    await this.page.getByLabel("New code").fill(code);
    await this.page.getByRole("button", { name: "Save code" }).click();
  }
}
