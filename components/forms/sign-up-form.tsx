"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import type { SignUpState } from "@/lib/actions/referrals/types";
import type { SignUpField } from "@/lib/validation/referrals";
import { BrowserTimeZone } from "./browser-time-zone";
import { FieldError, FormAlert, inputClass, TextField } from "./fields";
import { Button } from "@/components/ui/button";

type Action = (prev: SignUpState, formData: FormData) => Promise<SignUpState>;

interface SignUpFormProps {
  /** The signup action with the link's code already bound on the server. */
  action: Action;
  countries: readonly { code: string; name: string }[];
  defaultCountry: string | null;
  agreementVersion: string;
  submitLabel: string;
}

/** Ids of a field's description and error, for aria-describedby. */
function describedBy(field: SignUpField, errors: Partial<Record<SignUpField, string>>, hint?: string) {
  return [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(" ") || undefined;
}

/**
 * The public signup form. It posts without JavaScript too (a server action);
 * with it, errors appear in place and focus moves to the first wrong field.
 */
export function SignUpForm({ action, countries, defaultCountry, agreementVersion, submitLabel }: SignUpFormProps) {
  const [state, formAction, pending] = useActionState<SignUpState, FormData>(action, { ok: false });
  const errors = state.fieldErrors ?? {};
  const values = state.values;
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // After a failed submit, take keyboard and screen-reader users to the first problem.
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  if (state.ok && state.checkInbox) {
    return (
      <div data-testid="form-success" role="status" className="space-y-2 rounded-md border border-brand-100 bg-brand-50 px-4 py-4 text-sm text-brand-900">
        <h3 className="text-base font-semibold">Check your inbox</h3>
        <p>
          We sent a link to <span className="font-medium break-all">{state.checkInbox}</span>. Open it to confirm your email and take your place in the team.
          The link works for 48 hours.
        </p>
        <p>
          Nothing there? Look in your spam folder. You can also{" "}
          <Link href="/sign-in" className="font-medium underline">
            sign in
          </Link>{" "}
          and ask for a new link.
        </p>
      </div>
    );
  }

  // React resets the form after each submit, to the defaults: those are the refilled values.
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <FormAlert message={state.message} />
      <BrowserTimeZone />
      <TextField name="name" label="Full name" type="text" autoComplete="name" required maxLength={80} defaultValue={values?.name} error={errors.name} />
      <TextField name="email" label="Email" type="email" autoComplete="email" inputMode="email" required defaultValue={values?.email} error={errors.email} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        hint="At least 10 characters."
        error={errors.password}
      />

      <div className="space-y-1">
        <label htmlFor="country" className="block text-sm font-medium text-slate-700">
          Country
        </label>
        <select
          id="country"
          name="country"
          required
          defaultValue={values?.country || defaultCountry || ""}
          aria-invalid={errors.country ? true : undefined}
          aria-describedby={describedBy("country", errors)}
          className={inputClass}
        >
          <option value="" disabled>
            Choose your country
          </option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError id="country-error" message={errors.country} />
      </div>

      <div className="space-y-1">
        <div className="flex items-start gap-3">
          <input
            id="agreement"
            name="agreement"
            type="checkbox"
            required
            defaultChecked={values?.agreement}
            aria-invalid={errors.agreement ? true : undefined}
            aria-describedby={describedBy("agreement", errors, "agreement-link")}
            className="mt-1 size-5 shrink-0 accent-brand-700"
          />
          <label htmlFor="agreement" className="text-sm text-slate-700">
            I have read and accept the distributor agreement (version {agreementVersion}).
          </label>
        </div>
        <p id="agreement-link" className="pl-8 text-sm">
          <Link href="/agreement" target="_blank" rel="noopener" className="font-medium text-brand-800 underline">
            Read the distributor agreement
          </Link>{" "}
          <span className="text-slate-500">(opens in a new tab)</span>
        </p>
        <FieldError id="agreement-error" message={errors.agreement} />
      </div>

      <Button type="submit" size="lg" disabled={pending} className="w-full shadow-sm">
        {pending ? "Creating your account…" : submitLabel}
      </Button>
    </form>
  );
}
