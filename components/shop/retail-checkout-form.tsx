"use client";

import { useActionState } from "react";
import type { FormResult } from "@/lib/actions/result";

type Field = "customerName" | "customerEmail";
type Action = (prev: FormResult<Field>, formData: FormData) => Promise<FormResult<Field>>;

const input =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none";

/** A guest's details and the confirm button; the cart travels as hidden fields with its idempotency key. */
export function RetailCheckoutForm({ action, items, idempotencyKey }: { action: Action; items: string[]; idempotencyKey: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {items.map((item) => (
        <input key={item} type="hidden" name="items" value={item} />
      ))}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="space-y-1">
        <label htmlFor="customerName" className="block text-sm font-medium text-slate-700">
          Your name
        </label>
        <input id="customerName" name="customerName" defaultValue={state.values?.customerName} autoComplete="name" required maxLength={80} aria-invalid={errors.customerName ? true : undefined} aria-describedby={errors.customerName ? "customerName-error" : undefined} className={input} />
        {errors.customerName ? <p id="customerName-error" className="text-sm text-red-700">{errors.customerName}</p> : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="customerEmail" className="block text-sm font-medium text-slate-700">
          Email for your receipt
        </label>
        <input id="customerEmail" name="customerEmail" defaultValue={state.values?.customerEmail} type="email" autoComplete="email" required aria-invalid={errors.customerEmail ? true : undefined} aria-describedby={errors.customerEmail ? "customerEmail-error" : undefined} className={input} />
        {errors.customerEmail ? <p id="customerEmail-error" className="text-sm text-red-700">{errors.customerEmail}</p> : null}
      </div>
      <div aria-live="polite">
        {state.message ? <p data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p> : null}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto">
        {pending ? "Placing your order…" : "Buy now"}
      </button>
    </form>
  );
}
