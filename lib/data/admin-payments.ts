import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import type { PaymentProviderId } from "@/db/schema";
import { getCheckoutSettings, listShippingRates, type CheckoutSettingsDto } from "@/lib/admin/checkout-settings";
import { requireAdmin } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { activeProviderId } from "@/lib/payments/config";
import { requestSiteOrigin } from "@/lib/http/request";
import { countryName } from "@/lib/validation/admin-payments";
import { stripeWebhookEvents } from "@/lib/payments/stripe-webhook";

/** Where Stripe sends its events (app/api/payments/stripe/webhook). */
export const STRIPE_WEBHOOK_PATH = "/api/payments/stripe/webhook";

export interface PaymentsOverviewDto {
  /** The provider new orders are paid through; null: checkout refuses orders. */
  active: PaymentProviderId | null;
  /** Why that provider: what the server's configuration says, in words. */
  reason: string;
  /** Demo payments on PostgreSQL (LINEAGE_DEMO_PAYMENTS=1): fine for a demo, never for real sales. */
  demoOnPostgres: boolean;
  stripe: {
    /** Whether STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set; never their values, nor any part of them. */
    secretKeySet: boolean;
    webhookSecretSet: boolean;
    /** Test keys take test cards: orders "paid" with them moved no money. Read from the key's type, never shown. */
    mode: "test" | "live" | "unknown" | null;
    /** STRIPE_API_URL is set: API calls go to that address instead of Stripe (tests only). */
    customApi: boolean;
    /** The URL to register in Stripe's dashboard: absolute when the request's origin is known, else the path. */
    webhookUrl: string;
    events: readonly string[];
  };
}

/** Which provider takes payments and how Stripe is set up; admins only. Secrets never leave the server. */
export async function getPaymentsOverview(): Promise<PaymentsOverviewDto> {
  await requireAdmin();
  const active = activeProviderId(env);
  const origin = requestSiteOrigin(await headers());
  const key = env.stripe?.secretKey;
  return {
    active,
    reason:
      active === "stripe"
        ? "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set."
        : active === "demo"
          ? env.databaseUrl
            ? "LINEAGE_DEMO_PAYMENTS=1 turns demo payments on for this PostgreSQL database."
            : "The embedded database runs with demo payments unless Stripe's keys are set."
          : "DATABASE_URL is set without Stripe's keys (and without LINEAGE_DEMO_PAYMENTS=1).",
    demoOnPostgres: active === "demo" && Boolean(env.databaseUrl),
    stripe: {
      secretKeySet: Boolean(key),
      webhookSecretSet: Boolean(env.stripe?.webhookSecret),
      mode: key === undefined ? null : /^(sk|rk)_test_/.test(key) ? "test" : /^(sk|rk)_live_/.test(key) ? "live" : "unknown",
      customApi: Boolean(env.stripe?.apiUrl),
      webhookUrl: `${origin ?? ""}${STRIPE_WEBHOOK_PATH}`,
      events: stripeWebhookEvents,
    },
  };
}

export interface ShippingRateRowDto {
  country: string;
  name: string;
  rateCents: number;
}

export interface CheckoutSetupDto {
  rates: ShippingRateRowDto[];
  settings: CheckoutSettingsDto;
}

/** The countries checkout offers (by name) with their shipping rates, and the checkout settings; admins only. */
export async function getCheckoutSetup(): Promise<CheckoutSetupDto> {
  await requireAdmin();
  const db = await getDb();
  const [rates, settings] = await Promise.all([listShippingRates(db), getCheckoutSettings(db)]);
  return {
    rates: rates.map((r) => ({ ...r, name: countryName(r.country) })).sort((a, b) => a.name.localeCompare(b.name, "en")),
    settings,
  };
}
