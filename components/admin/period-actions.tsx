"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";

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
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "Reconciling…" : "Reconcile open periods"}
      </button>
      <Message state={state} />
    </form>
  );
}

export function ClosePeriodForm({ action, periodId, label }: { action: FormAction; periodId: number; label: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="periodId" value={periodId} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="confirm" className="size-4" /> I understand a closed period cannot be reopened
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Closing…" : label}
      </button>
      <Message state={state} />
    </form>
  );
}
