"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "./form-bits";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Queues a test message to the admin's own address, after a confirmation that names it. */
export function SendTestEmailForm({ action, to }: { action: Action; to: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <div className="space-y-2">
      <details className="rounded-xl border border-slate-200 bg-white p-4">
        <summary className="w-fit cursor-pointer font-semibold text-brand-700 hover:underline">Send a test email</summary>
        <form action={formAction} className="mt-3 max-w-md space-y-2">
          <p className="text-sm text-slate-600">
            A short message to your own address, through the same worker and transport as every email: with an SMTP server set, it checks that mail reaches an
            inbox.
          </p>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="confirm" className="mt-0.5 size-4 shrink-0" />
            <span className="break-all">Send one test message to {to}</span>
          </label>
          <Button type="submit" disabled={pending}>
            {pending ? "Queuing…" : "Send the test email"}
          </Button>
        </form>
      </details>
      <FormMessage state={state} />
    </div>
  );
}
