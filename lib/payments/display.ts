import type { PaymentProviderId } from "@/db/schema";

/** What the checkout says about the payment step that follows. */
export function paymentNote(provider: PaymentProviderId): string {
  return provider === "stripe"
    ? "Next, you pay on Stripe's secure page. Nothing is charged until you confirm there."
    : "Next, you pay with a demo card (no money moves). Nothing counts until the payment succeeds.";
}

export const providerNames: Record<PaymentProviderId, string> = { demo: "Demo payments", stripe: "Stripe" };
