"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert, TextField } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { FormResult } from "@/lib/actions/result";
import { SuccessNote } from "./auth-card";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<"email">>;

export function ForgotPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<FormResult<"email">, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} className="space-y-5" noValidate>
      {state.ok && state.message ? <SuccessNote>{state.message}</SuccessNote> : <FormAlert message={state.message} />}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={errors.email}
        hint="The address you sign in with."
      />
      <Button type="submit" disabled={pending} size="lg" className="w-full shadow-sm">
        {pending ? "Sending…" : "Send me a reset link"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-700 underline hover:text-brand-800">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
