import { test as base, expect } from "@playwright/test";
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
