import type { PaymentProviderId } from "@/db/schema";
import { env } from "@/lib/env";
import { activeProviderId } from "./config";
import { demoProvider } from "./demo";
import type { PaymentProvider } from "./provider";
import { stripeProvider } from "./stripe";

/** The adapter of a provider: the one an order was created for takes (and refunds) its payment. */
export function providerFor(id: PaymentProviderId): PaymentProvider {
  // Stripe's adapter reads its keys when used: without them it throws PaymentError (an order
  // paid through Stripe earlier still names it, and its refund then says what to configure).
  return id === "demo" ? demoProvider : stripeProvider;
}

/** The provider new orders are paid through, or null: checkout then refuses orders (noProviderMessage). */
export function activeProvider(): PaymentProvider | null {
  const id = activeProviderId(env);
  return id === null ? null : providerFor(id);
}
