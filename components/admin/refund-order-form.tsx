"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { useResultToast } from "@/components/ui/result-toast";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "./form-bits";

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
  /** The commission lines paid on the order, and their total (formatted). */
  commission: { lines: number; amount: string };
}

/**
 * An admin refund, behind a confirmation that says where the money goes and
 * what happens to the commissions paid on the order. Its success is a toast
 * (the row's status then says Refunded); a refusal stays in the row. It stays
 * mounted once the order is refunded, so a refusal stays on screen.
 */
export function RefundOrderForm({ action, orderId, refundable, amount, provider, periodClosed, commission }: Props) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  useResultToast(state, `refunded-${orderId}`);
  const result =
    state.ok && state.message ? (
      <noscript>
        <FormMessage state={state} />
      </noscript>
    ) : (
      <FormMessage state={state} />
    );
  if (!refundable) return state.message ? result : null;
  const lines = commission.lines === 1 ? "1 commission line" : `${commission.lines} commission lines`;
  return (
    <form action={formAction} className="mt-2 space-y-2" data-testid={`refund-${orderId}`}>
      <input type="hidden" name="orderId" value={orderId} />
      <ConfirmSubmit
        label={
          <>
            Refund<span className="sr-only"> order #{orderId}</span>
          </>
        }
        trigger="link"
        title={`Refund order #${orderId}?`}
        confirmLabel={`Refund ${amount}`}
        pending={pending}
        pendingLabel="Refunding…"
      >
        <p>
          {provider
            ? `${amount} goes back to the buyer through ${provider}.`
            : `It was paid before payments went through a provider: return ${amount} to the buyer yourself.`}
        </p>
        <p>
          {commission.lines === 0
            ? "No commission was paid on it."
            : periodClosed
              ? `Its period is closed, so its ${lines} (${commission.amount}) are clawed back: negative lines in the open period.`
              : `Its ${lines} (${commission.amount}) leave the open period, which is recomputed without its volume: ranks may change.`}
        </p>
      </ConfirmSubmit>
      {result}
    </form>
  );
}
