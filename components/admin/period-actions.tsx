"use client";

import { useActionState, type ReactNode } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { ResultMessage } from "./result-message";

type FormAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

function Message({ state }: { state: ActionResult }) {
  return (
    <p aria-live="polite" data-testid="form-message" className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
      {state.message}
    </p>
  );
}

export function ReconcileButton({ action }: { action: () => Promise<ActionResult> }) {
  const [state, formAction, pending] = useActionState<ActionResult>(action, { ok: true });
  return (
    <form action={formAction} className="space-y-2">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Reconciling…" : "Reconcile open periods"}
      </Button>
      <Message state={state} />
    </form>
  );
}

/** Closes a period after a confirmation; `children` states what is frozen, in numbers. */
export function ClosePeriodForm({ action, periodId, label, children }: { action: FormAction; periodId: number; label: string; children: ReactNode }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="periodId" value={periodId} />
      <ConfirmSubmit label={label} title={`${label}?`} confirmLabel={label} pending={pending} pendingLabel="Closing…" tone="neutral" trigger="primary">
        {children}
      </ConfirmSubmit>
      <ResultMessage state={state} toastId={`close-${periodId}`} />
    </form>
  );
}
