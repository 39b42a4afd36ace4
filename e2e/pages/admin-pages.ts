import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Forgets the session. It leaves the page first: a prefetch or navigation still
 * in flight could otherwise bring back the (rolling) session cookie just cleared.
 */
export async function signOutBrowser(page: Page) {
  await page.goto("about:blank");
  await page.context().clearCookies();
}

/** Signs in from a clean browser state and waits for the landing page (the dashboard; admins: /admin). */
export async function signInAs(page: Page, email: string, password: string) {
  await signOutBrowser(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(dashboard|admin)$/);
}

export interface ProductFields {
  name?: string;
  sku?: string;
  price?: string;
  pv?: string;
  cv?: string;
}

/** /admin/products, its create and edit forms. */
export class AdminProductsPage {
  constructor(private readonly page: Page) {}

  async fill(fields: ProductFields) {
    const labels: Record<keyof ProductFields, string | RegExp> = { name: "Name", sku: "SKU", price: /^Price/, pv: "PV", cv: /^CV/ };
    for (const [key, value] of Object.entries(fields) as [keyof ProductFields, string | undefined][]) {
      if (value !== undefined) await this.page.getByLabel(labels[key], { exact: typeof labels[key] === "string" }).fill(value);
    }
  }

  async create(fields: ProductFields) {
    await this.page.goto("/admin/products/new");
    await this.fill(fields);
    await this.page.getByRole("button", { name: "Create product" }).click();
  }

  error(field: "name" | "sku" | "price" | "pv" | "cv"): Locator {
    return this.page.getByTestId(`product-${field}-error`);
  }

  get message(): Locator {
    return this.page.getByTestId("form-message").first();
  }

  row(sku: string): Locator {
    return this.page.getByTestId(`product-row-${sku}`);
  }
}

/** /admin/plan: the draft editor and its preview. */
export class AdminPlanPage {
  constructor(private readonly page: Page) {}

  goto() {
    return this.page.goto("/admin/plan");
  }

  level(n: number): Locator {
    return this.page.getByLabel(`Level ${n}`, { exact: true });
  }

  async preview() {
    await this.page.getByRole("button", { name: "Preview the open period" }).click();
  }

  get previewPanel(): Locator {
    return this.page.getByTestId("plan-preview");
  }

  get message(): Locator {
    return this.page.getByTestId("form-message");
  }
}

/** /admin/distributors: the filters and a row's Manage panel. */
export class AdminDistributorsPage {
  constructor(private readonly page: Page) {}

  async search(q: string) {
    await this.page.goto(`/admin/distributors?q=${encodeURIComponent(q)}`);
  }

  row(code: string): Locator {
    return this.page.getByTestId(`distributor-${code}`);
  }

  async manage(code: string): Promise<Locator> {
    const row = this.row(code);
    await row.getByText("Manage").click();
    return row;
  }
}
