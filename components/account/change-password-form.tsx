"use client";

import { useActionState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";

type Field = "current" | "password" | "confirm";
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<Field>>;

export function ChangePasswordForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate aria-labelledby="change-password-heading">
      <FormAlert message={state.message} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField name="current" label="Current password" type="password" autoComplete="current-password" required error={errors.current} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint="At least 10 characters."
      />
      <TextField name="confirm" label="New password again" type="password" autoComplete="new-password" required error={errors.confirm} />
      <p className="text-sm text-slate-600">
        You stay signed in here; every other device signed in to your account is signed out, and your email gets a notice of the change.
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
