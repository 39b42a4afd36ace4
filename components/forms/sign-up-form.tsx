"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import type { SignUpState } from "@/lib/actions/referrals/types";
import type { SignUpField } from "@/lib/validation/referrals";

type Action = (prev: SignUpState, formData: FormData) => Promise<SignUpState>;

interface SignUpFormProps {
  /** The signup action with the link's code already bound on the server. */
  action: Action;
  countries: readonly { code: string; name: string }[];
  defaultCountry: string | null;
  agreementVersion: string;
  submitLabel: string;
}

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-[invalid=true]:border-red-600";

function FieldError({ id, message, children }: { id: string; message?: string; children?: React.ReactNode }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {message} {children}
    </p>
  );
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

  if (state.ok && state.message) {
    return (
      <div data-testid="form-success" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-3 text-sm text-brand-800">
        {state.message}{" "}
        <Link href="/sign-in" className="font-medium underline">
          Sign in
        </Link>
      </div>
    );
  }

  // React resets the form after each submit, to the defaults: those are the refilled values.
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      <div aria-live="polite">
        {state.message ? (
          <p data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>

      <div className="space-y-1">
        <label htmlFor="name" className="block text-sm font-medium text-slate-700">
          Full name
        </label>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="name"
          required
          maxLength={80}
          defaultValue={values?.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name", errors)}
          className={inputClass}
        />
        <FieldError id="name-error" message={errors.name} />
      </div>

      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email", errors)}
          className={inputClass}
        />
        <FieldError id="email-error" message={errors.email}>
          {state.duplicateEmail ? (
            <Link href="/sign-in" className="font-medium text-brand-800 underline">
              Sign in instead
            </Link>
          ) : null}
        </FieldError>
      </div>

      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy("password", errors, "password-hint")}
          className={inputClass}
        />
        <p id="password-hint" className="text-sm text-slate-500">
          At least 10 characters.
        </p>
        <FieldError id="password-error" message={errors.password} />
      </div>

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

      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-3 font-semibold text-white shadow-sm hover:bg-brand-800 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? "Creating your account…" : submitLabel}
      </button>
    </form>
  );
}
