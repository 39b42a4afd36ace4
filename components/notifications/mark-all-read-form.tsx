"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** "Mark all as read": every unread notification up to the newest the page showed. */
export function MarkAllReadForm({ action, upTo }: { action: Action; upTo: number }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="upTo" value={upTo} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "Marking…" : "Mark all as read"}
      </button>
      <p aria-live="polite" className={`text-sm ${state.ok ? "text-slate-600" : "text-red-700"}`} data-testid="mark-all-message">
        {state.message}
      </p>
    </form>
  );
}
