"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormResult } from "@/lib/actions/result";
import { FormAlert, TextField } from "./fields";
import { Button } from "@/components/ui/button";

type Field = "email" | "password";
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult<Field>>;

export function SignInForm({ action, callbackUrl }: { action: Action; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<FormResult<Field>, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormAlert message={state.message} />
      <TextField name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      <p className="-mt-3 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline hover:text-brand-800">
          Forgot your password?
        </Link>
      </p>
      <Button type="submit" size="lg" disabled={pending} className="w-full shadow-sm">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
