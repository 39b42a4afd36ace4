"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { FormResult } from "@/lib/actions/result";
import { NewPasswordFields } from "./new-password-fields";
import { Button } from "@/components/ui/button";

type Field = "password" | "confirm";
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<Field>>;

export function ResetPasswordForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormAlert message={state.message} />
      <NewPasswordFields email={email} errors={errors} hint="At least 10 characters. Every device signed in to your account will be signed out." />
      <Button type="submit" disabled={pending} size="lg" className="w-full shadow-sm">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
