// The payments settings page's reads and forms (/admin/payments): admins only,
// the provider and Stripe's setup without ever a secret, and forms whose bad
// input answers a clear message and changes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import type { Env } from "@/lib/env";
import { auditEntries, createAdmin, tableFingerprint } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({
  db: null as Database | null,
  userId: null as number | null,
  // Served by server.mjs behind one TLS-terminating proxy: its X-Forwarded-Proto is believed.
  env: { stripe: undefined, databaseUrl: undefined, demoPayments: false, peerHeader: true, trustProxy: { kind: "hops", hops: 1 } } as Pick<
    Env,
    "stripe" | "databaseUrl" | "demoPayments" | "peerHeader" | "trustProxy"
  >,
  headers: { host: "portal.example.com", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9", "x-lineage-peer": "10.0.0.2" } as Record<
    string,
    string
  >,
}));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.userId === null ? null : { user: { id: String(state.userId), sv: 1 } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...real,
    get env() {
      return { ...real.env, ...state.env };
    },
  };
});
vi.mock("next/headers", () => ({ headers: async () => new Headers(state.headers) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/server", () => ({ connection: async () => {} }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { getCheckoutSetup, getPaymentsOverview } = await import("./admin-payments");
const { setShippingRateAsAdmin } = await import("@/lib/actions/admin/set-shipping-rate");
const { removeShippingRateAsAdmin } = await import("@/lib/actions/admin/remove-shipping-rate");
const { updateCheckoutSettingsAsAdmin } = await import("@/lib/actions/admin/update-checkout-settings");

let t: TestDatabase;
let admin: number;
const settingsTables = ["shipping_rates", "checkout_settings", "audit_log"];

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  await createCompany(t.db, [null]);
  admin = await createAdmin(t.db);
  state.userId = admin;
});
afterAll(async () => {
  await t?.destroy();
});

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("the payment provider, as admins see it", () => {
  const secretKey = "sk_live_51TOPSECRETabcdefghijklmnop";
  const webhookSecret = "whsec_ALSOSECRET0123456789";

  it("Stripe: the webhook URL from the request's origin, the events, whether each secret is set, and never a secret", async () => {
    state.env = { ...state.env, stripe: { secretKey, webhookSecret, apiUrl: undefined }, databaseUrl: "postgres://db.example/lineage", demoPayments: false };
    const o = await getPaymentsOverview();
    expect(o).toMatchObject({
      active: "stripe",
      demoOnPostgres: false,
      stripe: {
        secretKeySet: true,
        webhookSecretSet: true,
        mode: "live",
        customApi: false,
        webhookUrl: "https://portal.example.com/api/payments/stripe/webhook",
      },
    });
    expect(o.stripe.events).toContain("checkout.session.completed");
    const text = JSON.stringify(o);
    for (const part of [secretKey, webhookSecret, "TOPSECRET", "ALSOSECRET", "sk_live", "whsec_", "db.example"]) expect(text).not.toContain(part);
  });

  it("test keys are called test mode; a malformed host gives the path alone", async () => {
    state.env = {
      ...state.env,
      stripe: { secretKey: "sk_test_123", webhookSecret, apiUrl: "http://127.0.0.1:12111" },
      databaseUrl: undefined,
      demoPayments: false,
    };
    state.headers = { host: "bad host!" };
    const o = await getPaymentsOverview();
    expect(o.stripe).toMatchObject({ mode: "test", customApi: true, webhookUrl: "/api/payments/stripe/webhook" });
    expect(JSON.stringify(o)).not.toContain("127.0.0.1");
    state.headers = { host: "portal.example.com", "x-forwarded-proto": "https" };
  });

  it("demo payments on the embedded database or when asked for; none on PostgreSQL otherwise", async () => {
    state.env = { ...state.env, stripe: undefined, databaseUrl: undefined, demoPayments: false };
    expect(await getPaymentsOverview()).toMatchObject({
      active: "demo",
      demoOnPostgres: false,
      stripe: { secretKeySet: false, webhookSecretSet: false, mode: null },
    });
    state.env = { ...state.env, stripe: undefined, databaseUrl: "postgres://db.example/lineage", demoPayments: true };
    expect(await getPaymentsOverview()).toMatchObject({ active: "demo", demoOnPostgres: true });
    state.env = { ...state.env, stripe: undefined, databaseUrl: "postgres://db.example/lineage", demoPayments: false };
    const none = await getPaymentsOverview();
    expect(none.active).toBeNull();
    expect(none.reason).toMatch(/without Stripe's keys/);
  });

  it("is for admins only", async () => {
    state.userId = null;
    await expect(getPaymentsOverview()).rejects.toThrow("redirect /sign-in");
    await expect(getCheckoutSetup()).rejects.toThrow("redirect /sign-in");
    state.userId = admin;
  });
});

describe("shipping rates and checkout settings forms", () => {
  it("lists the countries by name with their rates, and the settings", async () => {
    expect(await getCheckoutSetup()).toEqual({
      rates: [
        { country: "CA", name: "Canada", rateCents: 750 },
        { country: "US", name: "United States", rateCents: 0 },
      ],
      settings: { pendingOrderMinutes: 1440, guestMaxTotalCents: 100_000, guestMaxUnits: 10 },
    });
  });

  it.each([
    ["a rate with three decimals", { country: "JP", rate: "4.999" }, { rate: "Enter the rate like 4.95 (at most 2 decimals), or 0 for free shipping." }],
    ["a rate in words", { country: "JP", rate: "five" }, { rate: "Enter the rate like 4.95 (at most 2 decimals), or 0 for free shipping." }],
    ["a negative rate", { country: "JP", rate: "-1" }, { rate: "Enter the rate like 4.95 (at most 2 decimals), or 0 for free shipping." }],
    ["an empty rate", { country: "JP", rate: "" }, { rate: "Enter the rate like 4.95 (at most 2 decimals), or 0 for free shipping." }],
    ["a rate past the cap", { country: "JP", rate: "1000000.01" }, { rate: "That is too large: at most 1000000.00." }],
    ["a country not in the list", { country: "XX", rate: "5" }, { country: "Choose a country from the list." }],
    ["a country in lower case", { country: "jp", rate: "5" }, { country: "Choose a country from the list." }],
    ["no country", { rate: "5" }, { country: "Choose a country from the list." }],
  ])("refuses %s with a clear message and changes nothing", async (_label, fields, fieldErrors) => {
    const before = await tableFingerprint(t.db, settingsTables);
    const result = await setShippingRateAsAdmin({ ok: true }, form(fields));
    expect(result).toMatchObject({ ok: false, message: "Check the highlighted fields.", fieldErrors });
    expect(result.values).toMatchObject(fields);
    expect(await tableFingerprint(t.db, settingsTables)).toEqual(before);
  });

  it("adds a country, changes its rate (0 is free shipping), and says so", async () => {
    expect(await setShippingRateAsAdmin({ ok: true }, form({ country: "JP", rate: "12.5" }))).toEqual({
      ok: true,
      message: "Checkout now offers Japan, with $12.50 shipping.",
    });
    expect(await setShippingRateAsAdmin({ ok: true }, form({ country: "JP", rate: "0" }))).toEqual({ ok: true, message: "Japan now has free shipping." });
    expect(await setShippingRateAsAdmin({ ok: true }, form({ country: "JP", rate: "0.00" }))).toEqual({
      ok: true,
      message: "Nothing changed: Japan already has free shipping.",
    });
    expect((await auditEntries(t.db, "shipping.set_rate")).length).toBe(2);
  });

  it("removes a country only once confirmed", async () => {
    const before = await tableFingerprint(t.db, settingsTables);
    expect(await removeShippingRateAsAdmin({ ok: true }, form({ country: "JP" }))).toEqual({
      ok: false,
      message: "Tick the box to confirm: checkout will no longer offer this country.",
    });
    expect(await tableFingerprint(t.db, settingsTables)).toEqual(before);
    expect(await removeShippingRateAsAdmin({ ok: true }, form({ country: "JP", confirm: "on" }))).toEqual({
      ok: true,
      message: "Checkout no longer offers Japan.",
    });
    expect(await removeShippingRateAsAdmin({ ok: true }, form({ country: "JP", confirm: "on" }))).toEqual({
      ok: false,
      message: "Checkout does not offer this country: there is nothing to remove.",
    });
    expect((await getCheckoutSetup()).rates.map((r) => r.country)).toEqual(["CA", "US"]);
  });

  const window = "The payment window must be from 30 minutes to 7 days (168 hours).";
  const settings = (extra: Record<string, string>) =>
    form({ windowAmount: "24", windowUnit: "hours", guestMaxTotal: "1000.00", guestMaxUnits: "10", ...extra });
  it.each([
    ["a window under 30 minutes", { windowAmount: "29", windowUnit: "minutes" }, { windowAmount: window }],
    ["a window over 7 days", { windowAmount: "169", windowUnit: "hours" }, { windowAmount: window }],
    ["a window of 0", { windowAmount: "0" }, { windowAmount: window }],
    ["a fractional window", { windowAmount: "1.5" }, { windowAmount: "Enter the payment window as a whole number." }],
    ["an unknown unit", { windowUnit: "days" }, { windowUnit: "Choose minutes or hours." }],
    ["a guest cap of 0", { guestMaxTotal: "0" }, { guestMaxTotal: "The cap must be more than 0, or guests could not order at all." }],
    ["a guest cap with a comma", { guestMaxTotal: "1,000" }, { guestMaxTotal: "Enter the amount like 1000.00 (at most 2 decimals)." }],
    ["no items allowed", { guestMaxUnits: "0" }, { guestMaxUnits: "Enter a whole number of items from 1 to 990." }],
    ["too many items", { guestMaxUnits: "991" }, { guestMaxUnits: "Enter a whole number of items from 1 to 990." }],
    [
      "every mistake at once",
      { windowAmount: "20", windowUnit: "minutes", guestMaxTotal: "0", guestMaxUnits: "" },
      {
        windowAmount: window,
        guestMaxTotal: "The cap must be more than 0, or guests could not order at all.",
        guestMaxUnits: "Enter a whole number of items from 1 to 990.",
      },
    ],
  ])("refuses %s with a clear message and changes nothing", async (_label, fields, fieldErrors) => {
    const before = await tableFingerprint(t.db, settingsTables);
    expect(await updateCheckoutSettingsAsAdmin({ ok: true }, settings(fields))).toMatchObject({ ok: false, fieldErrors });
    expect(await tableFingerprint(t.db, settingsTables)).toEqual(before);
  });

  it("saves the checkout settings at the bounds, and nothing twice", async () => {
    expect(await updateCheckoutSettingsAsAdmin({ ok: true }, settings({ windowAmount: "30", windowUnit: "minutes" }))).toMatchObject({ ok: true });
    expect((await getCheckoutSetup()).settings.pendingOrderMinutes).toBe(30);
    expect(await updateCheckoutSettingsAsAdmin({ ok: true }, settings({ windowAmount: "168", guestMaxTotal: "250.5", guestMaxUnits: "990" }))).toEqual({
      ok: true,
      message: "Saved. A new payment window applies to orders made from now on.",
    });
    expect((await getCheckoutSetup()).settings).toEqual({ pendingOrderMinutes: 10_080, guestMaxTotalCents: 25_050, guestMaxUnits: 990 });
    expect(
      await updateCheckoutSettingsAsAdmin({ ok: true }, settings({ windowAmount: "7", windowUnit: "hours", guestMaxTotal: "250.50", guestMaxUnits: "990" })),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await updateCheckoutSettingsAsAdmin(
        { ok: true },
        settings({ windowAmount: "420", windowUnit: "minutes", guestMaxTotal: "250.50", guestMaxUnits: "990" }),
      ),
    ).toEqual({
      ok: true,
      message: "Nothing changed.",
    });
    expect((await auditEntries(t.db, "checkout.update")).length).toBe(3);
  });
});
