"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "./form-bits";
import { useRunNowReport } from "./run-now-notice";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

interface Props {
  action: Action;
  subscriptionId: number;
  /** The next order's date ("2026-12-20"): the order this runs, and nothing else. */
  cycle: string;
  /** The same, and the date of the order after it, as people read them. */
  cycleLabel: string;
  nextLabel: string;
  /** "Visa ending 4242" */
  card: string;
  /** The order's total at today's prices, formatted. */
  total: string;
  memberName: string;
  /** Its job is queued already: nothing to ask, it is on its way. */
  queued: boolean;
}

/** "Run now" on one autoship: asks first, stating the charge and the next date; the outcome is reported above the list (RunNowNoticeArea). */
export function RunAutoshipNowForm({ action, subscriptionId, cycle, cycleLabel, nextLabel, card, total, memberName, queued }: Props) {
  const report = useRunNowReport();
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(
    async (prev, formData) => {
      const result = await action(prev, formData);
      report(result);
      return result;
    },
    { ok: true },
  );
  return (
    <form action={formAction} className="space-y-2" data-testid={`run-now-${subscriptionId}`}>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="cycle" value={cycle} />
      {queued ? (
        <p className="text-sm text-slate-700">The {cycleLabel} order is queued: the worker runs it within seconds.</p>
      ) : (
        <ConfirmSubmit label="Run now" title={`Run ${memberName}'s ${cycleLabel} order now?`} confirmLabel="Charge and run it" pending={pending} tone="neutral">
          <p>
            Charges {card} {total} now for the {cycleLabel} order; the next order will be on {nextLabel}.
          </p>
          <p>The order counts toward volumes and commissions once the charge goes through, as any paid order does.</p>
        </ConfirmSubmit>
      )}
      {/* A success is reported above the list (the card may move to a later page); a refusal stays here, by its button. */}
      {state.ok ? null : <FormMessage state={state} />}
    </form>
  );
}
