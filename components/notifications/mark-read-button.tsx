"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Marks one notification read (the page then shows it read, and the bell counts one fewer). */
export function MarkReadButton({ action, id, title }: { action: Action; id: number; title: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name="notificationId" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        Mark read<span className="sr-only">: {title}</span>
      </button>
      {state.ok ? null : (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
