import type { PaymentProviderId } from "@/db/schema";
import type { Env } from "@/lib/env";

/**
 * The provider that takes payments: Stripe when its keys are set; else the demo
 * provider on the embedded database (or on PostgreSQL with
 * LINEAGE_DEMO_PAYMENTS=1); else none, and checkout refuses orders instead of
 * faking payment.
 */
export function activeProviderId(e: Pick<Env, "stripe" | "databaseUrl" | "demoPayments">): PaymentProviderId | null {
  if (e.stripe) return "stripe";
  if (!e.databaseUrl || e.demoPayments) return "demo";
  return null;
}

/** What checkout says when no provider is set up. */
export const noProviderMessage = "Online payments are not set up yet, so orders cannot be taken. Please contact the company.";
