"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";

type Action = (prev: FormResult) => Promise<FormResult>;

/** The skip link's one button (a POST: opening the link alone changes nothing), then what it did. */
export function SkipRunForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<FormResult>(action, { ok: false });
  if (state.ok) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900" data-testid="skip-result">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Skipping…" : "Skip this order"}
      </button>
      <FormAlert message={state.message} />
    </form>
  );
}
