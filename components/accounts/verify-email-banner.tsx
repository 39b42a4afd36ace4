"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "@/components/admin/form-bits";
import { Button } from "@/components/ui/button";

interface Props {
  email: string;
  /** Whose team verifying joins; null: the company's. */
  sponsorName: string | null;
  companyName: string;
  resend: (prev: ActionResult) => Promise<ActionResult>;
}

/** On every portal page of a member whose email is not confirmed: why nothing counts yet, and a new link. */
export function VerifyEmailBanner({ email, sponsorName, companyName, resend }: Props) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(resend, { ok: true });
  return (
    <section
      aria-labelledby="verify-banner-title"
      className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950"
      data-testid="verify-banner"
    >
      <h2 id="verify-banner-title" className="font-semibold">
        {sponsorName ? `Confirm your email to join ${sponsorName}’s team.` : `Confirm your email to join ${companyName}.`}
      </h2>
      <p className="mt-1 text-sm">
        We sent a link to <span className="font-medium break-all">{email}</span>. Until you open it you have no place in the team and cannot order.
      </p>
      <form action={formAction} className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} variant="secondary">
          {pending ? "Sending…" : "Resend the link"}
        </Button>
        <FormMessage state={state} />
      </form>
    </section>
  );
}
