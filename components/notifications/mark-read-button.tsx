"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Marks one notification read (the page then shows it read, and the bell counts one fewer). */
export function MarkReadButton({ action, id, title }: { action: Action; id: number; title: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name="notificationId" value={id} />
      <Button type="submit" variant="secondary" size="xs" disabled={pending} className="whitespace-nowrap">
        Mark read<span className="sr-only">: {title}</span>
      </Button>
      {state.ok ? null : (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
