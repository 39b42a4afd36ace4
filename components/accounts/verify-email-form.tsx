"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "@/components/admin/form-bits";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** The one button that uses a verification link up (a POST: opening the link alone changes nothing). */
export function VerifyEmailForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? "Confirming…" : "Confirm my email"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
