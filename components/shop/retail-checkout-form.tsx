"use client";

import { useActionState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";

type Field = "customerName" | "customerEmail";
type Action = (prev: FormResult<Field>, formData: FormData) => Promise<FormResult<Field>>;

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
      <TextField
        name="customerName"
        label="Your name"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values?.customerName}
        error={errors.customerName}
      />
      <TextField
        name="customerEmail"
        label="Email for your receipt"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.customerEmail}
        error={errors.customerEmail}
      />
      <FormAlert message={state.message} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? "Placing your order…" : "Buy now"}
      </button>
    </form>
  );
}
