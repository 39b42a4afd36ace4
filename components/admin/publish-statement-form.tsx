"use client";

import { useActionState, type ReactNode } from "react";
import { FormMessage } from "@/components/admin/form-bits";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";

type FormAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Publishes the previewed statement after a confirmation; `children` states what becomes public. */
export function PublishStatementForm({
  action,
  fromPeriodId,
  toPeriodId,
  children,
}: {
  action: FormAction;
  fromPeriodId: number;
  toPeriodId: number;
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="fromPeriodId" value={fromPeriodId} />
      <input type="hidden" name="toPeriodId" value={toPeriodId} />
      <ConfirmSubmit
        label="Publish this statement"
        title="Publish this statement?"
        confirmLabel="Publish"
        pending={pending}
        pendingLabel="Publishing…"
        tone="neutral"
        trigger="primary"
      >
        {children}
      </ConfirmSubmit>
      <FormMessage state={state} />
    </form>
  );
}
