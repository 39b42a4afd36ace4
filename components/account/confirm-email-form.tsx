"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/actions/result";
import { SuccessNote } from "./auth-card";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult) => Promise<ActionResult>;

export function ConfirmEmailForm({ action, newEmail }: { action: Action; newEmail: string }) {
  const [state, formAction, pending] = useActionState<ActionResult>(action, { ok: false });
  if (state.ok) {
    return (
      <div className="space-y-5">
        <SuccessNote>{state.message}</SuccessNote>
        <p className="text-center text-sm">
          <Link href="/dashboard/account" className="font-medium text-brand-700 underline hover:text-brand-800">
            Go to your account
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5">
      <FormAlert message={state.message} />
      <p className="text-sm text-slate-700">
        From now on, your account will sign in with <strong className="break-all">{newEmail}</strong>, and the portal&apos;s messages will go there.
      </p>
      <Button type="submit" disabled={pending} size="lg" className="w-full shadow-sm">
        {pending ? "Confirming…" : "Confirm my new email"}
      </Button>
    </form>
  );
}
