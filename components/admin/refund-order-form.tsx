"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { dangerButton, FormMessage } from "./form-bits";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

interface Props {
  action: Action;
  orderId: number;
  /** Paid: it may be refunded. Otherwise (refunded just now) only the outcome is shown. */
  refundable: boolean;
  /** The total, formatted in the company currency. */
  amount: string;
  /** The provider that took the payment ("Stripe"); null for an order paid before payments went through one. */
  provider: string | null;
  periodClosed: boolean;
}

/**
 * An admin refund, behind a disclosure and a confirmation that says where the
 * money goes and what happens to the commissions. It stays mounted once the
 * order is refunded, so its outcome stays on screen.
 */
export function RefundOrderForm({ action, orderId, refundable, amount, provider, periodClosed }: Props) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  if (!refundable) return state.message ? <FormMessage state={state} /> : null;
  const commissions = periodClosed ? "claw back its commissions (its period is closed)" : "reverse its commissions";
  const effect = provider
    ? `Refund ${amount} to the buyer through ${provider} and ${commissions}?`
    : `${commissions[0]!.toUpperCase()}${commissions.slice(1)}? It was paid before payments went through a provider: return ${amount} to the buyer yourself.`;
  return (
    <details className="mt-2" data-testid={`refund-${orderId}`}>
      <summary className="w-fit cursor-pointer text-sm font-medium text-red-800 hover:underline">
        Refund<span className="sr-only"> order #{orderId}</span>
      </summary>
      <form action={formAction} className="mt-2 space-y-2 rounded-lg border border-red-200 bg-white p-3">
        <input type="hidden" name="orderId" value={orderId} />
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="confirm" required className="mt-0.5 size-4 shrink-0" />
          <span>{effect}</span>
        </label>
        <button type="submit" disabled={pending} className={dangerButton}>
          {pending ? "Refunding…" : `Refund ${amount}`}
        </button>
        <FormMessage state={state} />
      </form>
    </details>
  );
}
