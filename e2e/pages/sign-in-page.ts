import { expect, type Locator, type Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
  }

  get submit(): Locator {
    return this.page.getByRole("button", { name: "Sign in", exact: true });
  }

  async signIn(email: string, password: string) {
    // A previous attempt's answer resets the form when it lands (React's form
    // actions): fill only once it has, or the reset wipes what was typed.
    await expect(this.submit).toBeEnabled();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.submit.click();
  }

  get error() {
    return this.page.getByTestId("form-error");
  }
}
