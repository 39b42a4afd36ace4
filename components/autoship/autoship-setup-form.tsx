"use client";

import { useActionState, useState } from "react";
import { FormAlert } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import { AddressFields } from "@/components/shop/address-fields";
import { OrderTotals } from "@/components/shop/order-totals";
import type { FormResult } from "@/lib/actions/result";
import { formatRunDate, nextRunDate } from "@/lib/autoship/cycle";
import { formatMoney } from "@/lib/format";
import { DemoCardFields } from "./card-fields";
import { DaySelect, ItemsFields, type AutoshipProduct } from "./items-fields";
import { cardLabel } from "./card-label";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;

/**
 * Starts an autoship: products and quantities, the day of the month, where it
 * ships, and the card it is charged to. The totals and the first date follow
 * the choices; the server prices and checks everything again.
 */
export function AutoshipSetupForm({
  action,
  products,
  shipping,
  currency,
  today,
  defaults,
  demoCards,
  savedCard = null,
  activeMinPv,
}: {
  action: Action;
  products: AutoshipProduct[];
  shipping: { country: string; name: string; rateCents: number }[];
  currency: string;
  /** Today's date ("2026-12-03"), as the server read the clock. */
  today: string;
  defaults: { name?: string; country?: string };
  demoCards: { success: string; decline: string } | null;
  /** The card saved at the provider's page (Stripe) that this autoship is charged to; null with the demo's card fields. */
  savedCard?: { methodId: number; brand: string; last4: string; expMonth: number; expYear: number } | null;
  activeMinPv: number;
}) {
  const [state, formAction, pending] = useActionState<FormResult, FormData>(action, { ok: false });
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [day, setDay] = useState(Number(values.dayOfMonth) || Math.min(28, Number(today.slice(8, 10))));
  const initialCountry = values.shipCountry || (shipping.some((s) => s.country === defaults.country) ? defaults.country! : (shipping[0]?.country ?? ""));
  const [country, setCountry] = useState(initialCountry);
  const rate = shipping.find((s) => s.country === country)?.rateCents ?? null;
  const subtotal = products.reduce((sum, p) => sum + p.priceCents * (quantities[p.id] ?? 0), 0);
  const pv = products.reduce((sum, p) => sum + p.pv * (quantities[p.id] ?? 0), 0);
  const first = nextRunDate(day, today);
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} className="space-y-8" noValidate>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">1. What you receive each month</legend>
        <ItemsFields products={products} currency={currency} quantities={quantities} onChange={setQuantities} error={errors.items} />
        <p className="text-sm text-slate-700" data-testid="autoship-pv">
          {pv} PV a month
          {pv > 0 && activeMinPv > 0
            ? pv >= activeMinPv
              ? `: enough on its own to keep you active (${activeMinPv} PV).`
              : `: ${activeMinPv - pv} PV short of the ${activeMinPv} PV that keeps you active, unless you order more.`
            : ""}
        </p>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-lg font-semibold text-slate-900">2. When</legend>
        <DaySelect value={day} onChange={setDay} error={errors.dayOfMonth} />
        <p className="text-sm text-slate-700" data-testid="autoship-first-run">
          First order on {formatRunDate(first)}, then on the same day every month.
        </p>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">3. Where it ships</legend>
        <AddressFields shipping={shipping} country={country} onCountryChange={setCountry} values={values} errors={errors} defaultName={defaults.name} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">4. The card it is charged to</legend>
        {demoCards ? <DemoCardFields demoCards={demoCards} errors={errors} expiry={values.cardExpiry} /> : null}
        {savedCard ? (
          <p className="text-slate-700" data-testid="autoship-saved-card">
            <input type="hidden" name="paymentMethodId" value={savedCard.methodId} />
            {cardLabel(savedCard)}, saved with Stripe. To use another card, save it with Stripe above.
          </p>
        ) : null}
      </fieldset>
      <OrderTotals subtotalCents={subtotal} shippingCents={rate} currency={currency} />
      <FormAlert message={state.ok ? undefined : state.message} />
      <div className="space-y-2">
        <Button type="submit" size="lg" disabled={pending || shipping.length === 0} className="w-full sm:w-auto">
          {pending ? "Starting autoship…" : "Start autoship"}
        </Button>
        <p className="text-sm text-slate-600">
          Nothing is charged today. On {formatRunDate(first)} and every month after, your card is charged{" "}
          {subtotal > 0 && rate !== null ? formatMoney(subtotal + rate, currency) : "the order's total"} at that day&rsquo;s prices. We remind you 3 days before
          each order; you can skip, pause or cancel any time.
        </p>
      </div>
    </form>
  );
}
