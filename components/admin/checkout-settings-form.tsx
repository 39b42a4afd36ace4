"use client";

import { useActionState } from "react";
import type { FormResult } from "@/lib/actions/result";
import type { CheckoutSettingsField } from "@/lib/validation/admin-payments";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import { Button } from "@/components/ui/button";

// The window's two controls sit side by side at their own widths.
const narrow = inputClass.replace("w-full ", "");

type Action = (prev: FormResult<CheckoutSettingsField>, formData: FormData) => Promise<FormResult<CheckoutSettingsField>>;

export interface CheckoutSettingsDefaults {
  windowAmount: string;
  windowUnit: "minutes" | "hours";
  /** A decimal string in the company currency. */
  guestMaxTotal: string;
  guestMaxUnits: string;
}

/** The payment window of new orders and the caps on a guest's order; parsed exactly on the server. */
export function CheckoutSettingsForm({ action, defaults, currency }: { action: Action; defaults: CheckoutSettingsDefaults; currency: string }) {
  const [state, formAction, pending] = useActionState<FormResult<CheckoutSettingsField>, FormData>(action, { ok: true });
  const value = (field: CheckoutSettingsField) => state.values?.[field] ?? defaults[field];
  const error = (field: CheckoutSettingsField) => state.fieldErrors?.[field];
  const describedBy = (field: CheckoutSettingsField, hint: string) => [hint, error(field) ? `checkout-${field}-error` : undefined].filter(Boolean).join(" ");
  const input = (field: Exclude<CheckoutSettingsField, "windowUnit">, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <input
      id={`checkout-${field}`}
      name={field}
      defaultValue={value(field)}
      autoComplete="off"
      aria-invalid={error(field) ? true : undefined}
      aria-describedby={describedBy(field, `checkout-${field}-hint`)}
      className={`mt-1 ${inputClass}`}
      {...props}
    />
  );
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Payment window</legend>
        <div className="mt-1 flex gap-2">
          <label htmlFor="checkout-windowAmount" className="sr-only">
            Payment window length
          </label>
          {input("windowAmount", { inputMode: "numeric", className: `w-28 ${narrow}` })}
          <label htmlFor="checkout-windowUnit" className="sr-only">
            Payment window unit
          </label>
          <select
            id="checkout-windowUnit"
            name="windowUnit"
            defaultValue={value("windowUnit")}
            aria-invalid={error("windowUnit") ? true : undefined}
            aria-describedby={error("windowUnit") ? "checkout-windowAmount-error" : undefined}
            className={`w-32 ${narrow}`}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
          </select>
        </div>
        <p id="checkout-windowAmount-hint" className="mt-1 text-xs text-slate-500">
          How long an unpaid order can still be paid: from 30 minutes to 7 days (168 hours). Then it expires and counts nowhere.
        </p>
        <FieldError id="checkout-windowAmount-error" message={error("windowAmount") ?? error("windowUnit")} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="checkout-guestMaxTotal" className="block text-sm font-medium text-slate-700">
            Guest order: largest total ({currency})
          </label>
          {input("guestMaxTotal", { inputMode: "decimal", placeholder: "1000.00" })}
          <p id="checkout-guestMaxTotal-hint" className="mt-1 text-xs text-slate-500">
            Shipping included. A larger order is refused on the public shop.
          </p>
          <FieldError id="checkout-guestMaxTotal-error" message={error("guestMaxTotal")} />
        </div>
        <div>
          <label htmlFor="checkout-guestMaxUnits" className="block text-sm font-medium text-slate-700">
            Guest order: most items
          </label>
          {input("guestMaxUnits", { inputMode: "numeric", placeholder: "10" })}
          <p id="checkout-guestMaxUnits-hint" className="mt-1 text-xs text-slate-500">
            All products together, from 1 to 990.
          </p>
          <FieldError id="checkout-guestMaxUnits-error" message={error("guestMaxUnits")} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save checkout settings"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
