"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage, primaryButton } from "./form-bits";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/**
 * Marks a closed period's payouts paid: one batch, once. Once paid, the same
 * live region says so (the page re-renders with `paidNote` after the action).
 */
export function MarkPaidForm({ action, periodId, label, paidNote }: { action: Action; periodId: number; label: string; paidNote: string | null }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <div aria-live="polite">
      {paidNote ? (
        <p className="text-sm text-slate-700" data-testid="paid-note">
          {paidNote}
        </p>
      ) : (
        <form action={formAction} className="space-y-2">
          <input type="hidden" name="periodId" value={periodId} />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="confirm" className="size-4" /> The bank transfer for these amounts is made
          </label>
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? "Saving…" : label}
          </button>
          <FormMessage state={state} />
        </form>
      )}
    </div>
  );
}
