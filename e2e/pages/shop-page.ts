import { expect, type Locator, type Page } from "@playwright/test";

/** A shipping address as the checkout form takes it; `country` is the option's label ("United States"). */
export interface ShippingAddress {
  country: string;
  /** Left as prefilled (the member's name) when omitted. */
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
}

/** A US address the demo company ships to ($5.95). */
export const usAddress: ShippingAddress = {
  country: "United States",
  name: "Sam Shipper",
  line1: "500 Market Street",
  line2: "Suite 12",
  city: "San Francisco",
  region: "CA",
  postalCode: "94103",
};

/** A UK address ($14.95): the country e2e prospects enrol from. */
export const ukAddress: ShippingAddress = { country: "United Kingdom", line1: "10 Downing Street", city: "London", postalCode: "SW1A 2AA" };

/** The demo provider's documented cards (lib/payments/demo.ts), typed as a buyer would. */
export const demoCards = { success: "4242 4242 4242 4242", decline: "4000 0000 0000 0002" } as const;

/** An expiry well after the e2e server's clock (June 2026). */
export const futureExpiry = "12/30";

/** A receipt link's token: 43 base64url characters (lib/orders/receipts.ts). */
export const receiptUrl = /\/receipt\/([A-Za-z0-9_-]{43})$/;

/**
 * The shop and its checkout: quantities per product, the review page (the
 * shipping address and the totals), then the payment: the member's pay page,
 * or a guest's receipt page, each with the demo provider's card form.
 */
export class ShopPage {
  constructor(private readonly page: Page) {}

  /** Opens the shop at `path`, sets the quantities and goes to the review page. */
  async order(items: Record<string, number>, path = "/shop") {
    await this.page.goto(path);
    for (const [name, quantity] of Object.entries(items)) {
      await this.page.getByLabel(`Quantity of ${name}`).fill(String(quantity));
    }
    await this.page.getByRole("button", { name: "Review order" }).click();
    // The review page's totals follow the country only once React has hydrated the form: a choice
    // made before that reaches the page but not React. Wait for it (when there is a form to fill).
    await this.page.waitForURL((url) => url.pathname.endsWith("/review") || url.searchParams.has("error"), { timeout: 15_000 }).catch(() => undefined);
    if (new URL(this.page.url()).pathname.endsWith("/review")) await this.waitForHydration("#shipCountry");
  }

  /** Resolves once React has attached to the element (its props are on the DOM node). */
  async waitForHydration(selector: string) {
    if ((await this.page.locator(selector).count()) === 0) return;
    await this.page.waitForFunction((css) => {
      const element = document.querySelector(css);
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps"));
    }, selector);
  }

  get country(): Locator {
    return this.page.getByLabel("Country", { exact: true });
  }

  /** The region field, whatever its country calls it ("State", "Province", ...). */
  get region(): Locator {
    return this.page.locator('input[name="shipRegion"]');
  }

  /** The postal code field, whatever its country calls it ("ZIP code", "Postcode", ...). */
  get postalCode(): Locator {
    return this.page.locator('input[name="shipPostalCode"]');
  }

  /** The status badge beside an order's heading ("Awaiting payment", "Paid", "Refunded"...): its page or a guest's receipt. */
  statusBadge(label: string): Locator {
    return this.page
      .locator("header")
      .filter({ has: this.page.getByRole("heading", { level: 1, name: /^(Order #\d+|Thank you for your order)$/ }) })
      .getByText(label, { exact: true });
  }

  /** The review page's live totals. */
  get totals(): Locator {
    return this.page.getByTestId("order-totals");
  }

  get shipping(): Locator {
    return this.page.getByTestId("order-shipping");
  }

  get total(): Locator {
    return this.page.getByTestId("order-total");
  }

  /** A form's own message (a decline, a limit); field errors sit under their fields. */
  get formError(): Locator {
    return this.page.getByTestId("form-error");
  }

  /** A guest's name and receipt email, on a referral shop's review page. */
  async fillGuestDetails(name: string, email: string) {
    await this.page.getByLabel("Your name").fill(name);
    await this.page.getByLabel("Email for your receipt").fill(email);
  }

  /** Chooses the country first: it decides the region and postal fields' labels. */
  async fillShippingAddress(address: ShippingAddress) {
    await this.country.selectOption({ label: address.country });
    if (address.name !== undefined) await this.page.getByLabel("Full name").fill(address.name);
    await this.page.getByLabel("Street address").fill(address.line1);
    await this.page.getByLabel(/^Apartment/).fill(address.line2 ?? "");
    await this.page.getByLabel("City").fill(address.city);
    await this.region.fill(address.region ?? "");
    await this.postalCode.fill(address.postalCode ?? "");
  }

  /** Submits the review page: a member lands on the order's pay page, a guest on their receipt. */
  async continueToPayment() {
    await this.page.getByRole("button", { name: "Continue to payment" }).click();
  }

  /** From the review page: the address, then on to the member's pay page. */
  async checkout(address: ShippingAddress = usAddress) {
    await this.fillShippingAddress(address);
    await this.continueToPayment();
    await this.page.waitForURL(/\/dashboard\/orders\/\d+\/pay$/);
  }

  /** From a referral shop's review page: the guest's details and address, then on to their receipt. Returns the receipt's path. */
  async guestCheckout(guest: { name: string; email: string }, address: ShippingAddress = usAddress): Promise<string> {
    await this.fillGuestDetails(guest.name, guest.email);
    await this.fillShippingAddress(address);
    await this.continueToPayment();
    await this.page.waitForURL(receiptUrl);
    return new URL(this.page.url()).pathname;
  }

  /** The demo card form's Pay button ("Pay $12.34"). */
  get payButton(): Locator {
    return this.page.getByRole("button", { name: /^Pay \$[\d,]+\.\d{2}$/ });
  }

  /** Types a card in the demo provider's form and presses Pay; the caller checks the outcome. */
  async payWithCard(number: string, { expiry = futureExpiry, cvc = "123" }: { expiry?: string; cvc?: string } = {}) {
    await expect(this.page.getByTestId("demo-payments-notice")).toContainText("Demo payments: no money moves");
    await this.page.getByLabel("Card number").fill(number);
    await this.page.getByLabel("Expiry (MM/YY)").fill(expiry);
    await this.page.getByLabel("Security code").fill(cvc);
    await this.payButton.click();
  }

  /** Pays the member's order with the success card and waits for its paid order page (its toast then takes `?placed=1` out of the address). */
  async pay() {
    await this.payWithCard(demoCards.success);
    await this.page.waitForURL(/\/dashboard\/orders\/\d+(\?placed=1)?$/);
  }

  /**
   * From the review page to a paid order, as the shop's confirm step was
   * before payments: a US address, then the success card. Lands on the order's
   * page.
   */
  async confirm(address: ShippingAddress = usAddress) {
    await this.checkout(address);
    await this.pay();
  }

  /** The order number from the URL of its pay page or its page. */
  orderIdFromUrl(): number {
    const match = /\/orders\/(\d+)/.exec(this.page.url());
    if (!match) throw new Error(`not on an order page: ${this.page.url()}`);
    return Number(match[1]);
  }

  /** The order number from a guest's receipt page heading or paid message ("Order #123"). */
  async orderIdFromReceipt(): Promise<number> {
    const text = await this.page.getByRole("main").innerText();
    const match = /Order #(\d+)/.exec(text);
    if (!match) throw new Error(`no order number on ${this.page.url()}`);
    return Number(match[1]);
  }
}
