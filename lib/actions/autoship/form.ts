import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Database } from "@/db/client";
import { AutoshipError } from "@/lib/autoship/manage";
import { now } from "@/lib/clock";
import { requestSiteOrigin } from "@/lib/http/request";
import { activeProvider } from "@/lib/payments";
import { noProviderMessage } from "@/lib/payments/config";
import { saveDemoCard, type DemoCardField } from "@/lib/payments/demo";
import { PaymentError, type CardOwner, type CardSaveRequest } from "@/lib/payments/provider";
import type { FormResult } from "../result";

// What the member's and the customer's autoship forms share: reading a field,
// turning a refusal into the form's answer, saving the demo card typed in, and
// sending the owner to the provider's page to save a card.

export type CardField = "cardNumber" | "cardExpiry" | "cardCvc";
const cardFields: Record<DemoCardField, CardField> = { number: "cardNumber", expiry: "cardExpiry", cvc: "cardCvc" };

/** A text field, cut to 40 characters (every autoship field is short); "" when absent. */
export const formText = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, 40) : "";
};

/** An AutoshipError as the form's answer (its message is safe to show); anything else is thrown on. */
export function autoshipRefusal<F extends string>(error: unknown, values?: Partial<Record<F, string>>): FormResult<F> {
  if (error instanceof AutoshipError) return { ok: false, message: error.message, ...(values ? { values } : {}) };
  throw error;
}

/** Saves the demo card typed into the form for `owner`; a refusal names the field at fault. */
export async function saveDemoCardFromForm(
  db: Database,
  owner: CardOwner,
  formData: FormData,
  at: Date,
): Promise<{ ok: true; methodId: number } | { ok: false; result: FormResult<CardField> }> {
  const kept = { cardExpiry: formText(formData, "cardExpiry") };
  const saved = await saveDemoCard(db, {
    ...owner,
    card: { number: formText(formData, "cardNumber"), expiry: kept.cardExpiry, cvc: formText(formData, "cardCvc") },
    at,
  });
  // Like a provider's form, the card's number and code are never echoed back.
  if (!saved.ok)
    return { ok: false, result: { ok: false, values: kept, fieldErrors: { [cardFields[saved.field]]: saved.message }, message: "Check the card." } };
  return { ok: true, methodId: saved.methodId };
}

/**
 * Sends the owner to their payment provider's page to save a card for autoship
 * (Stripe: a Checkout Session in setup mode); they come back to `back` on this
 * site, which records it. The caller has checked whose autoship it is.
 */
export async function openCardSavePage(db: Database, request: CardSaveRequest, back: string): Promise<FormResult> {
  const provider = activeProvider();
  if (provider === null) return { ok: false, message: noProviderMessage };
  if (!provider.startCardSave) return { ok: false, message: "On this server, cards are saved with the form on this page." };
  const origin = requestSiteOrigin(await headers());
  if (!origin) return { ok: false, message: "We could not work out this site's address to send you to the card page. Please try again." };
  let url: string;
  try {
    ({ url } = await provider.startCardSave(db, request, { success: `${origin}${back}`, cancel: `${origin}${back}?card=cancelled` }, now()));
  } catch (error) {
    if (error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
  redirect(url);
}
