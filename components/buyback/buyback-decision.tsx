"use client";

import { useActionState } from "react";
import { FormMessage, inputClass } from "@/components/admin/form-bits";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/**
 * Approve (asks first, stating the refund and the commissions reversed) or
 * decline with a reason, one pending buyback request. It stays mounted once the
 * request is decided, so the outcome stays on screen.
 */
export function BuybackDecision({
  pending,
  requestId,
  approve,
  reject,
  refund,
  commission,
}: {
  pending: boolean;
  requestId: number;
  approve: Action;
  reject: Action;
  /** Formatted. */
  refund: string;
  commission: { lines: number; amount: string };
}) {
  const [approved, approveAction, approving] = useActionState<ActionResult, FormData>(approve, { ok: true });
  const [rejected, rejectAction, rejecting] = useActionState<ActionResult, FormData>(reject, { ok: true });
  if (!pending) {
    const outcome = approved.message ? approved : rejected;
    return outcome.message ? <FormMessage state={outcome} /> : null;
  }
  const lines = commission.lines === 1 ? "1 commission line" : `${commission.lines} commission lines`;
  return (
    <div className="space-y-3">
      <form action={approveAction} data-testid={`approve-buyback-${requestId}`}>
        <input type="hidden" name="requestId" value={requestId} />
        <ConfirmSubmit
          label="Approve"
          tone="neutral"
          trigger="primary"
          title={`Approve buyback #${requestId}?`}
          confirmLabel={`Refund ${refund}`}
          pending={approving}
          pendingLabel="Approving…"
        >
          <p>{refund} goes back to the distributor through the payment provider of each order.</p>
          <p>
            {commission.lines === 0
              ? "No commission was paid on these orders."
              : `Their ${lines} (${commission.amount}) are reversed with the reason "buyback": removed from the open period, or clawed back in it for orders of closed periods.`}
          </p>
        </ConfirmSubmit>
        <FormMessage state={approved} />
      </form>
      <form action={rejectAction} className="space-y-2" data-testid={`reject-buyback-${requestId}`}>
        <input type="hidden" name="requestId" value={requestId} />
        <label className="block text-sm font-medium text-slate-700">
          Reason to decline
          <input name="reason" maxLength={200} className={`${inputClass} mt-1`} />
        </label>
        <ConfirmSubmit label="Decline" title={`Decline buyback #${requestId}?`} confirmLabel="Decline" pending={rejecting} pendingLabel="Declining…">
          <p>Nothing is refunded; the distributor is told your reason and may ask again.</p>
        </ConfirmSubmit>
        <FormMessage state={rejected} />
      </form>
    </div>
  );
}
