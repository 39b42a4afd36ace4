"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import { CardInputs } from "./card-inputs";
import type { FormResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

type Field = "cardNumber" | "cardExpiry" | "cardCvc";
type Action = (prev: FormResult<Field>, formData: FormData) => Promise<FormResult<Field>>;

/**
 * Pays an order. Demo payments: a card form that behaves like a provider's
 * test mode (documented cards; no money moves), clearly labelled. Stripe: one
 * button that opens Stripe's own checkout page, where the card is typed.
 */
export function PayForm({
  action,
  provider,
  total,
  idempotencyKey,
  demoCards,
  lastError,
}: {
  action: Action;
  provider: "demo" | "stripe";
  /** The amount, formatted: it is on the button the buyer presses. */
  total: string;
  idempotencyKey: string;
  demoCards: { success: string; decline: string };
  /** Why the order's last payment attempt failed, if it did (kept on the order, so it shows after a reload too). */
  lastError?: string | null;
}) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  // This form's own answer says it better, once there is one.
  const last =
    lastError && !state.message ? (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        Last attempt: {lastError}
      </p>
    ) : null;
  if (provider === "stripe") {
    return (
      <form action={formAction} className="space-y-3">
        {last}
        <FormAlert message={state.message} />
        <Button type="submit" size="lg" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Opening the secure payment page…" : `Pay ${total} securely`}
        </Button>
        <p className="text-sm text-slate-600">You will type your card on Stripe&rsquo;s secure page, then come back here.</p>
      </form>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {last}
      <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="demo-payments-notice">
        <p className="font-semibold">Demo payments: no money moves.</p>
        <p className="mt-1">
          Pay with <span className="font-mono whitespace-nowrap">{demoCards.success}</span>, any future expiry date and any 3 digits. To see a decline, use{" "}
          <span className="font-mono whitespace-nowrap">{demoCards.decline}</span>.
        </p>
      </div>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <CardInputs errors={errors} expiry={state.values?.cardExpiry} />
      <FormAlert message={state.message} />
      <Button type="submit" size="lg" disabled={pending} className="w-full sm:w-auto">
        {pending ? "Paying…" : `Pay ${total}`}
      </Button>
    </form>
  );
}
