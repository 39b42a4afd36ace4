"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { NoMatches } from "@/components/ui/list-filters";
import { FormMessage } from "./form-bits";
import { Button } from "@/components/ui/button";

type VerifyAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

export interface PendingSignupItem {
  userId: number;
  name: string;
  email: string;
  /** "Ana Sponsor (ana-sponsor)", or the company for a direct signup. */
  sponsor: string;
  signedUp: string;
  expires: string;
}

interface VerifyState {
  /** The signup the last verification was for. */
  userId?: string;
  result: ActionResult;
}

/**
 * Signups waiting for their email to be verified, each with "Verify now"
 * (after a confirmation that says where the member is placed). A refusal
 * shows in its row; a verification, whose row is then gone, under the list.
 */
export function PendingSignupsList({ action, signups }: { action: VerifyAction; signups: PendingSignupItem[] }) {
  const [state, formAction, pending] = useActionState<VerifyState, FormData>(
    async (prev, formData) => ({ userId: String(formData.get("userId") ?? ""), result: await action(prev.result, formData) }),
    { result: { ok: true } },
  );
  return (
    <div className="space-y-2">
      {signups.length === 0 ? <NoMatches>No signup is waiting for its email to be verified.</NoMatches> : null}
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white empty:hidden" data-testid="pending-signups">
        {signups.map((s) => (
          <li key={s.userId} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3" data-testid={`pending-${s.userId}`}>
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">{s.name}</p>
              <p className="break-all text-slate-700">{s.email}</p>
              <p className="text-slate-600">Sponsor: {s.sponsor}</p>
              <p className="text-xs text-slate-500">
                Signed up {s.signedUp} · expires {s.expires}
              </p>
            </div>
            <details>
              <summary className="w-fit cursor-pointer text-sm font-medium text-brand-800 hover:underline">
                Verify now<span className="sr-only"> {s.name}</span>
              </summary>
              <form action={formAction} className="mt-2 max-w-xs space-y-2">
                <input type="hidden" name="userId" value={s.userId} />
                <label className="flex items-start gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="confirm" className="mt-0.5 size-4 shrink-0" />
                  <span>
                    Confirm {s.email} without its link: {s.name} is placed under {s.sponsor} and the sponsor is told.
                  </span>
                </label>
                <Button type="submit" disabled={pending}>
                  Verify {s.name}
                </Button>
                <FormMessage state={state.userId === String(s.userId) && !state.result.ok ? state.result : { ok: false }} />
              </form>
            </details>
          </li>
        ))}
      </ul>
      <FormMessage state={state.result.ok ? state.result : { ok: true }} />
    </div>
  );
}
