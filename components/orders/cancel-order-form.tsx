"use client";

import { useActionState, useState, useTransition } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
type Preview = (orderId: string) => Promise<ActionResult & { effect?: string[] }>;

/** Said when the effect could not be worked out (the order changed meanwhile, or the request failed). */
const generalEffect = ["Its volume and commissions are taken back, and your upline's commissions on it too."];

/**
 * Cancels an order after a confirmation that states its effect: PV, rank and
 * this period's estimate before and after, worked out by `preview` when the
 * dialog opens (a full run in memory, too much work for every view of the
 * page). On success the action redirects to the order's page, which says so.
 */
export function CancelOrderForm({
  action,
  preview,
  orderId,
  label,
  amount,
}: {
  action: Action;
  preview: Preview;
  orderId: number;
  label: string;
  amount: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: false });
  const [effect, setEffect] = useState<string[] | null>(null);
  const [working, startWorking] = useTransition();
  const open = () => {
    if (effect === null && !working) {
      startWorking(async () => {
        try {
          const result = await preview(String(orderId));
          setEffect(result.effect ?? generalEffect);
        } catch {
          setEffect(generalEffect);
        }
      });
    }
    return true;
  };
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="orderId" value={orderId} />
      <ConfirmSubmit
        label={label}
        title={`Cancel order #${orderId}?`}
        confirmLabel="Cancel the order"
        pending={pending}
        pendingLabel="Cancelling…"
        onOpen={open}
      >
        <p>{amount} goes back to the card it was paid with.</p>
        <div aria-live="polite" className="space-y-2">
          {effect === null ? (
            <p className="text-slate-500">Working out what it changes for you…</p>
          ) : (
            effect.map((sentence) => <p key={sentence}>{sentence}</p>)
          )}
        </div>
      </ConfirmSubmit>
      <p aria-live="polite" data-testid="form-message" className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
        {state.message}
      </p>
    </form>
  );
}
