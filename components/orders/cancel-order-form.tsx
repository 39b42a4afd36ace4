"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/**
 * Cancels an order after a confirmation that states its effect (`effect`, the
 * sentences the page computed: PV, rank and this period's estimate before and
 * after). On success the action redirects to the order's page, which says so.
 */
export function CancelOrderForm({
  action,
  orderId,
  label,
  amount,
  effect,
}: {
  action: Action;
  orderId: number;
  label: string;
  amount: string;
  effect: string[];
}) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="orderId" value={orderId} />
      <ConfirmSubmit label={label} title={`Cancel order #${orderId}?`} confirmLabel="Cancel the order" pending={pending} pendingLabel="Cancelling…">
        <p>{amount} goes back to the card it was paid with.</p>
        {effect.map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </ConfirmSubmit>
      <p aria-live="polite" data-testid="form-message" className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
        {state.message}
      </p>
    </form>
  );
}
