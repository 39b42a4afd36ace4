import type { Page } from "@playwright/test";

/** The shop: quantities per product, review, confirm. */
export class ShopPage {
  constructor(private readonly page: Page) {}

  async order(items: Record<string, number>, path = "/shop") {
    await this.page.goto(path);
    for (const [name, quantity] of Object.entries(items)) {
      await this.page.getByLabel(`Quantity of ${name}`).fill(String(quantity));
    }
    await this.page.getByRole("button", { name: "Review order" }).click();
  }

  async confirm(label = "Confirm order") {
    await this.page.getByRole("button", { name: label }).click();
    await this.page.waitForURL(/\/orders\/\d+/);
  }

  /** The order number from the confirmation page's URL. */
  orderIdFromUrl(): number {
    const match = /\/orders\/(\d+)/.exec(this.page.url());
    if (!match) throw new Error(`not on an order page: ${this.page.url()}`);
    return Number(match[1]);
  }
}
