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

  /** The referral code form's note: the changes left, or when the next is possible. */
  get codeChangesLeft(): Locator {
    return this.page.getByTestId("code-changes-left");
  }

  /** Opens the "Change your code" section (once: a second click would close it). */
  async openCodeForm() {
    await this.page.getByText("Change your code").click();
    await this.page.getByLabel("New code").waitFor();
  }

  /** Submits a code in the open form and waits for the action's answer. */
  async submitCode(code: string) {
    await this.page.getByLabel("New code").fill(code);
    await Promise.all([this.page.waitForResponse((r) => r.request().method() === "POST"), this.page.getByRole("button", { name: "Save code" }).click()]);
  }

  async changeCode(code: string) {
    await this.page.getByText("Change your code").click();
    await this.page.getByLabel("New code").fill(code);
    await this.page.getByRole("button", { name: "Save code" }).click();
  }
}
