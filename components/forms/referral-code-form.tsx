"use client";

import { useActionState } from "react";
import type { ChangeCodeState } from "@/lib/actions/referrals/types";

type Action = (prev: ChangeCodeState, formData: FormData) => Promise<ChangeCodeState>;

/** Changes the distributor's referral code; the old code keeps redirecting. */
export function ReferralCodeForm({ action, current }: { action: Action; current: string }) {
  const [state, formAction, pending] = useActionState<ChangeCodeState, FormData>(action, { ok: false });
  const error = state.fieldErrors?.code;
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <label htmlFor="referral-code" className="block text-sm font-medium text-slate-700">
        New code
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="referral-code"
          name="code"
          type="text"
          required
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={32}
          defaultValue={state.value ?? current}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "referral-code-hint referral-code-error" : "referral-code-hint"}
          className="min-w-0 flex-1 basis-40 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-[invalid=true]:border-red-600"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
        >
          {pending ? "Saving…" : "Save code"}
        </button>
      </div>
      <p id="referral-code-hint" className="text-sm text-slate-500">
        Letters, digits and hyphens. Links with your old code keep working.
      </p>
      <div aria-live="polite">
        {error ? (
          <p id="referral-code-error" className="text-sm text-red-700" data-testid="code-error">
            {error}
          </p>
        ) : null}
        {state.message ? (
          <p className={`text-sm ${state.ok ? "text-brand-800" : "text-red-700"}`} data-testid="code-message">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
