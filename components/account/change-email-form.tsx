"use client";

import { useActionState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { FormResult } from "@/lib/actions/result";
import { SuccessNote } from "./auth-card";
import { Button } from "@/components/ui/button";

type Field = "current" | "email";
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<Field>>;

export function ChangeEmailForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} className="max-w-md space-y-4" noValidate>
      {state.ok && state.message ? <SuccessNote testId="email-change-sent">{state.message}</SuccessNote> : <FormAlert message={state.message} />}
      <TextField name="email" label="New email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <TextField
        name="current"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.current}
        hint="To confirm it is you."
      />
      <p className="text-sm text-slate-600">
        We send a link to the new address, and a notice to {email}. Your sign-in email changes only when you open the link, within 24 hours.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send confirmation link"}
      </Button>
    </form>
  );
}
