"use client";

import { useActionState, useState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { FormResult } from "@/lib/actions/result";
import type { AddressField } from "@/lib/validation/address";
import { AddressFields } from "./address-fields";
import { OrderTotals } from "./order-totals";
import { Button } from "@/components/ui/button";

type Field = AddressField | "customerName" | "customerEmail";
type Action = (prev: FormResult<Field>, formData: FormData) => Promise<FormResult<Field>>;

export interface CheckoutFormProps {
  action: Action;
  /** The cart as "productId:quantity" pairs, minted with the page with its idempotency key (a resubmission is one order). */
  items: string[];
  idempotencyKey: string;
  /** Guests give their name and email for the receipt; members are known. */
  guest: boolean;
  shipping: { country: string; name: string; rateCents: number }[];
  currency: string;
  subtotalCents: number;
  defaults: { name?: string; country?: string };
  submitLabel: string;
  /** Shown under the button: how payment happens. */
  paymentNote: string;
}

/**
 * The checkout form: (a guest's name and email,) the shipping address with the
 * labels its country uses, and the order's totals, which follow the chosen
 * country's shipping rate. The server prices everything again.
 */
export function CheckoutForm(props: CheckoutFormProps) {
  const { action, items, idempotencyKey, guest, shipping, currency, subtotalCents, defaults } = props;
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const initialCountry = values.shipCountry || (shipping.some((s) => s.country === defaults.country) ? defaults.country! : (shipping[0]?.country ?? ""));
  const [country, setCountry] = useState(initialCountry);
  const rate = shipping.find((s) => s.country === country)?.rateCents ?? null;
  const field = (name: Field) => ({ name, defaultValue: values[name] ?? "", error: errors[name] });
  return (
    // The buyer's country and address stay as they left them after a refusal.
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} className="space-y-6" noValidate>
      {items.map((item) => (
        <input key={item} type="hidden" name="items" value={item} />
      ))}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {guest ? (
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold text-slate-900">Your details</legend>
          <TextField {...field("customerName")} label="Your name" autoComplete="name" required maxLength={80} />
          <TextField {...field("customerEmail")} label="Email for your receipt" type="email" autoComplete="email" required />
        </fieldset>
      ) : null}
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">Shipping address</legend>
        <AddressFields shipping={shipping} country={country} onCountryChange={setCountry} values={values} errors={errors} defaultName={defaults.name} />
      </fieldset>
      <OrderTotals subtotalCents={subtotalCents} shippingCents={rate} currency={currency} />
      <FormAlert message={state.message} />
      <div className="space-y-2">
        <Button type="submit" size="lg" disabled={pending || shipping.length === 0} className="w-full sm:w-auto">
          {pending ? "Saving your order…" : props.submitLabel}
        </Button>
        <p className="text-sm text-slate-600">{props.paymentNote}</p>
      </div>
    </form>
  );
}
