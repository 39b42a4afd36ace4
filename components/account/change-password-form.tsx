"use client";

import { useActionState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";
import { NewPasswordFields } from "./new-password-fields";
import { Button } from "@/components/ui/button";

type Field = "current" | "password" | "confirm";
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<Field>>;

export function ChangePasswordForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate aria-labelledby="change-password-heading">
      <FormAlert message={state.message} />
      <TextField name="current" label="Current password" type="password" autoComplete="current-password" required error={errors.current} />
      <NewPasswordFields email={email} errors={errors} hint="At least 10 characters." />
      <p className="text-sm text-slate-600">
        You stay signed in here; every other device signed in to your account is signed out, and your email gets a notice of the change.
      </p>
      <Button type="submit" disabled={pending} size="lg" className="w-full shadow-sm">
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
