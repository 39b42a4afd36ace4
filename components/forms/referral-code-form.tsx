"use client";

import { useActionState } from "react";
import type { ChangeCodeState } from "@/lib/actions/referrals/types";
import type { CodeChangeAllowanceDto } from "@/lib/data/referrals";
import { ALIAS_GRACE_DAYS } from "@/lib/referrals/code-policy";
import { codeChangeTime } from "@/lib/referrals/display";
import { Button } from "@/components/ui/button";

type Action = (prev: ChangeCodeState, formData: FormData) => Promise<ChangeCodeState>;

/** How many changes are left, and when the next is possible when none is. */
function AllowanceNote({ allowance }: { allowance: CodeChangeAllowanceDto }) {
  const rule = `at most ${allowance.limit} in any ${allowance.windowDays} days`;
  return (
    <p id="referral-code-allowance" className="text-sm text-slate-700" data-testid="code-changes-left">
      {allowance.remaining > 0
        ? `${allowance.remaining} of ${allowance.limit} code changes left (${rule}).`
        : `No code changes left (${rule}). ${allowance.nextChangeAt ? `You can change your code again on ${codeChangeTime(allowance.nextChangeAt, allowance.timeZone)}.` : ""}`.trim()}
    </p>
  );
}

/** Changes the distributor's referral code within the rolling limit; the old code keeps redirecting for the grace period. */
export function ReferralCodeForm({ action, current, allowance }: { action: Action; current: string; allowance: CodeChangeAllowanceDto }) {
  const [state, formAction, pending] = useActionState<ChangeCodeState, FormData>(action, { ok: false });
  const error = state.fieldErrors?.code;
  const exhausted = allowance.remaining === 0;
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <AllowanceNote allowance={allowance} />
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
          disabled={exhausted}
          aria-describedby={error ? "referral-code-allowance referral-code-hint referral-code-error" : "referral-code-allowance referral-code-hint"}
          className="min-w-0 flex-1 basis-40 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-[invalid=true]:border-red-600"
        />
        <Button type="submit" disabled={pending || exhausted}>
          {pending ? "Saving…" : "Save code"}
        </Button>
      </div>
      <p id="referral-code-hint" className="text-sm text-slate-500">
        Letters, digits and hyphens. Links with your old code keep working for {ALIAS_GRACE_DAYS} days. Words such as admin, support, ceo or the company’s name
        are reserved.
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
