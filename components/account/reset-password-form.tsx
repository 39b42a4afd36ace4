"use client";

import { useActionState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";
import { primaryButton } from "./auth-card";

type Field = "password" | "confirm";
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<Field>>;

export function ResetPasswordForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormAlert message={state.message} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint="At least 10 characters. Every device signed in to your account will be signed out."
      />
      <TextField name="confirm" label="New password again" type="password" autoComplete="new-password" required error={errors.confirm} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
