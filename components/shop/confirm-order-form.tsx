"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/**
 * Confirms a reviewed cart. The idempotency key was minted with the page, so a
 * double click or a retry of this form makes one order.
 */
export function ConfirmOrderForm({ action, items, idempotencyKey }: { action: Action; items: string[]; idempotencyKey: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-4">
      {items.map((item) => (
        <input key={item} type="hidden" name="items" value={item} />
      ))}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormAlert message={state.message} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? "Placing your order…" : "Confirm order"}
      </button>
    </form>
  );
}
