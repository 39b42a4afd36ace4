"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { FormResult } from "@/lib/actions/result";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;

/** A customer's manage link shared or left open somewhere: a new one by email, and this one stops working (it asks first). */
export function NewManageLinkForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<FormResult, FormData>(action, { ok: false });
  return (
    <section aria-labelledby="new-link" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="new-link" className="text-lg font-semibold text-slate-900">
        Your link
      </h2>
      {state.ok ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="new-link-sent">
          {state.message}
        </p>
      ) : (
        <form action={formAction} className="space-y-3">
          <p className="text-sm text-slate-700">Shared this link by mistake, or opened it on someone else&rsquo;s computer? Replace it.</p>
          <ConfirmSubmit label="Email me a new link" title="Replace this link?" confirmLabel="Send a new link" pending={pending} tone="neutral">
            <p>We email you a new link to your autoship. This page&rsquo;s link, and every link we sent before, stop working at once.</p>
          </ConfirmSubmit>
          <FormAlert message={state.message} />
        </form>
      )}
    </section>
  );
}
