"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** The unsubscribe page's one button (a POST: opening the link alone changes nothing), then what it did. */
export function UnsubscribeForm({ action, token, button }: { action: Action; token: string; button: string }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: false });
  if (state.ok) {
    return (
      <div className="space-y-3">
        <p role="status" className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-brand-900" data-testid="unsubscribed">
          {state.message}
        </p>
        <p className="text-sm text-slate-600">
          Changed your mind?{" "}
          <Link href="/dashboard/notifications/settings" className="underline">
            Sign in and choose what you get
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending}>
        {pending ? "Unsubscribing…" : button}
      </Button>
      <FormAlert message={state.message} />
    </form>
  );
}
