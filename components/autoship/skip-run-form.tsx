"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

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
      <Button type="submit" disabled={pending}>
        {pending ? "Skipping…" : "Skip this order"}
      </Button>
      <FormAlert message={state.message} />
    </form>
  );
}
