"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { ResultMessage } from "./result-message";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/**
 * Marks a closed period's payouts paid: one batch, once. Once paid, the same
 * live region says so (the page re-renders with `paidNote` after the action).
 */
export function MarkPaidForm({
  action,
  periodId,
  label,
  paidNote,
  total,
  distributors,
}: {
  action: Action;
  periodId: number;
  label: string;
  paidNote: string | null;
  /** The batch's payable total, formatted, and how many distributors it pays. */
  total: string;
  distributors: number;
}) {
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
          <ConfirmSubmit label={label} title={`${label}?`} confirmLabel="Mark paid" pending={pending} pendingLabel="Saving…" tone="neutral" trigger="primary">
            <p>
              This records that the bank transfers are made: {total} to {distributors === 1 ? "1 distributor" : `${distributors} distributors`}, as in the bank
              file.
            </p>
            <p>The whole batch is marked paid once, with your name and the time; it cannot be undone.</p>
          </ConfirmSubmit>
          <ResultMessage state={state} toastId={`paid-${periodId}`} />
        </form>
      )}
    </div>
  );
}
