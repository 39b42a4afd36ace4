"use client";

import { useActionState, useState } from "react";
import { FieldError, FormAlert, inputClass, TextField } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { FormResult } from "@/lib/actions/result";
import { addressFormat } from "@/lib/address-formats";
import type { AddressField } from "@/lib/validation/address";
import { OrderTotals } from "./order-totals";

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
  const format = addressFormat(country);
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
        <div className="space-y-1">
          <label htmlFor="shipCountry" className="block text-sm font-medium text-slate-700">
            Country
          </label>
          <select
            id="shipCountry"
            name="shipCountry"
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            autoComplete="shipping country"
            aria-invalid={errors.shipCountry ? true : undefined}
            aria-describedby={errors.shipCountry ? "shipCountry-error" : undefined}
            className={inputClass}
          >
            {shipping.map((s) => (
              <option key={s.country} value={s.country}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id="shipCountry-error" message={errors.shipCountry} />
        </div>
        <TextField
          {...field("shipName")}
          defaultValue={values.shipName ?? defaults.name ?? ""}
          label="Full name"
          autoComplete="shipping name"
          required
          maxLength={80}
        />
        <TextField {...field("shipLine1")} label="Street address" autoComplete="shipping address-line1" required maxLength={120} />
        <TextField {...field("shipLine2")} label="Apartment, suite, etc. (optional)" autoComplete="shipping address-line2" maxLength={120} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...field("shipCity")} label="City" autoComplete="shipping address-level2" required maxLength={80} />
          <TextField
            {...field("shipRegion")}
            label={format.regionLabel}
            autoComplete="shipping address-level1"
            required={format.regionRequired}
            maxLength={80}
          />
        </div>
        <TextField
          {...field("shipPostalCode")}
          label={format.postalLabel}
          autoComplete="shipping postal-code"
          required={format.postalRequired}
          maxLength={16}
          hint={format.postalExample ? `For example ${format.postalExample}` : undefined}
        />
      </fieldset>
      <OrderTotals subtotalCents={subtotalCents} shippingCents={rate} currency={currency} />
      <FormAlert message={state.message} />
      <div className="space-y-2">
        <button
          type="submit"
          disabled={pending || shipping.length === 0}
          className="w-full rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
        >
          {pending ? "Saving your order…" : props.submitLabel}
        </button>
        <p className="text-sm text-slate-600">{props.paymentNote}</p>
      </div>
    </form>
  );
}
