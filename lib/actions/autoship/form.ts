import type { Database } from "@/db/client";
import { AutoshipError } from "@/lib/autoship/manage";
import { saveDemoCard, type DemoCardField } from "@/lib/payments/demo";
import type { CardOwner } from "@/lib/payments/provider";
import type { FormResult } from "../result";

// What the member's and the customer's autoship forms share: reading a field,
// turning a refusal into the form's answer, and saving the demo card typed in.

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
