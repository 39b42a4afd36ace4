"use client";

import { useActionState, useState } from "react";
import { FormAlert } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { FormResult } from "@/lib/actions/result";
import { DemoCardFields } from "./card-fields";
import { cardLabel } from "./card-label";
import { DaySelect } from "./items-fields";
import { ProviderCardSaveForm } from "./provider-card-save";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;

/** How the card is given: typed into the offer's form (demo payments), or saved on Stripe's page first (`readyCard` once it is). */
export type OfferCard =
  | { provider: "demo"; demoCards: { success: string; decline: string } }
  | {
      provider: "stripe";
      readyCard: { methodId: number; brand: string; last4: string; expMonth: number; expYear: number } | null;
      saveWithProvider: Action;
      cardSaveKey: string;
    };

/**
 * On a paid guest order's receipt: the same order every month. The customer
 * picks a day and saves a card; nothing is charged now. Once started, the
 * receipt offers the manage link again by email instead.
 */
export function CustomerAutoshipOffer({
  start,
  emailLink,
  hasAutoship,
  itemsLine,
  total,
  defaultDay,
  card,
}: {
  start: Action;
  emailLink: Action;
  hasAutoship: boolean;
  /** "2 × Daily Greens, 1 × Omega Plus" */
  itemsLine: string;
  /** The order's total, as the monthly figure at today's prices. */
  total: string;
  defaultDay: number;
  card: OfferCard | null;
}) {
  const [startState, startAction, starting] = useActionState<FormResult, FormData>(start, { ok: false });
  const [linkState, linkAction, sending] = useActionState<FormResult, FormData>(emailLink, { ok: false });
  const [day, setDay] = useState(defaultDay);
  if (hasAutoship || card === null) {
    return (
      <section aria-labelledby="autoship-offer" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="customer-autoship-on">
        <h2 id="autoship-offer" className="text-lg font-semibold text-slate-900">
          This order comes every month
        </h2>
        <p className="text-sm text-slate-700">
          You manage your autoship with the link we emailed you. Lost it? We email you a new one, and links sent before stop working.
        </p>
        <form action={linkAction} className="space-y-3">
          <Button type="submit" disabled={sending}>
            {sending ? "Sending…" : "Email me a new link"}
          </Button>
          {linkState.ok ? (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              {linkState.message}
            </p>
          ) : (
            <FormAlert message={linkState.message} />
          )}
        </form>
      </section>
    );
  }
  return (
    <section aria-labelledby="autoship-offer" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="customer-autoship-offer">
      <h2 id="autoship-offer" className="text-lg font-semibold text-slate-900">
        Get this order every month
      </h2>
      <p className="text-sm text-slate-700">
        {itemsLine}, about {total} a month at today&rsquo;s prices, on the day you choose, charged to a card you save now. Nothing is charged today. We email
        you 3 days before each order, and you can change, skip, pause or cancel it any time with the link we send you: no account needed.
      </p>
      {card.provider === "stripe" ? (
        <div className="space-y-2" data-testid="customer-autoship-card">
          <p className="text-sm text-slate-700">
            {card.readyCard
              ? `The card: ${cardLabel(card.readyCard)}, saved with Stripe.`
              : "First, save the card it is charged to, on Stripe's page. Then choose the day here."}
          </p>
          <ProviderCardSaveForm
            action={card.saveWithProvider}
            cardSaveKey={card.cardSaveKey}
            label={card.readyCard ? "Save another card with Stripe" : "Save a card with Stripe"}
          />
        </div>
      ) : null}
      {card.provider === "demo" || card.readyCard ? (
        <form action={startAction} onSubmit={keepValuesOnSubmit(startAction)} className="space-y-4" noValidate>
          <DaySelect value={day} onChange={setDay} error={startState.fieldErrors?.dayOfMonth} />
          {card.provider === "demo" ? (
            <DemoCardFields demoCards={card.demoCards} errors={startState.fieldErrors ?? {}} expiry={startState.values?.cardExpiry} />
          ) : (
            <input type="hidden" name="paymentMethodId" value={card.readyCard?.methodId ?? ""} />
          )}
          <Button type="submit" disabled={starting}>
            {starting ? "Starting…" : "Start monthly autoship"}
          </Button>
          <FormAlert message={startState.message} />
        </form>
      ) : null}
    </section>
  );
}
