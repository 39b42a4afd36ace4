"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** "Mark all as read": every unread notification up to the newest the page showed. */
export function MarkAllReadForm({ action, upTo }: { action: Action; upTo: number }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="upTo" value={upTo} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        {pending ? "Marking…" : "Mark all as read"}
      </Button>
      <p aria-live="polite" className={`text-sm ${state.ok ? "text-slate-600" : "text-red-700"}`} data-testid="mark-all-message">
        {state.message}
      </p>
    </form>
  );
}
