"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;

/**
 * The button that sends the member to the payment provider's page (Stripe) to
 * save a card: the card is typed there, never on our pages. `subscriptionId`:
 * for their running autoship (it is switched to the card once saved).
 */
export function ProviderCardSaveForm({
  action,
  cardSaveKey,
  subscriptionId,
  label,
}: {
  action: Action;
  /** A new key per page: a double click opens one page at the provider. */
  cardSaveKey: string;
  subscriptionId?: number;
  label: string;
}) {
  const [state, formAction, pending] = useActionState<FormResult, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-2" data-testid="provider-card-save">
      <input type="hidden" name="cardSaveKey" value={cardSaveKey} />
      {subscriptionId === undefined ? null : <input type="hidden" name="subscriptionId" value={subscriptionId} />}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? "Opening Stripe…" : label}
      </Button>
      <p className="text-sm text-slate-600">
        You type the card on Stripe&rsquo;s secure page, then come back here. Nothing is charged now; your bank may ask you to approve the card once.
      </p>
      <FormAlert message={state.ok ? undefined : state.message} />
    </form>
  );
}
