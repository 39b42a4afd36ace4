"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/admin/form-bits";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";
import { formatDate, formatMoney } from "@/lib/format";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

export interface ReturnableOrder {
  id: number;
  paidAt: Date;
  subtotalCents: number;
  shippingCents: number;
  refundCents: number;
}

/**
 * Ticks whole orders to return, then asks first: the dialog states the refund
 * of the ticked orders and that the commissions paid on them are reversed.
 * `distributorId`: set when an admin asks on a distributor's behalf.
 */
export function BuybackRequestForm({
  action,
  orders,
  currency,
  rateLabel,
  distributorId,
  emptyText,
  timeZone,
}: {
  action: Action;
  timeZone: string;
  orders: ReturnableOrder[];
  currency: string;
  rateLabel: string;
  distributorId?: number;
  /** Shown instead of the list when no order can be returned (the form stays, so the outcome of the last request stays on screen). */
  emptyText: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const chosen = orders.filter((o) => ticked.has(o.id));
  const refund = chosen.reduce((sum, o) => sum + o.refundCents, 0);
  const toggle = (id: number, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <form action={formAction} className="space-y-3" data-testid="buyback-request">
      {distributorId !== undefined && <input type="hidden" name="distributorId" value={distributorId} />}
      {orders.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">{emptyText}</p>
      ) : (
        <>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Orders to return (whole orders, unopened and resaleable)</legend>
            {orders.map((o) => (
              <label key={o.id} className="flex items-start gap-2 rounded-md border border-slate-200 bg-white p-2 text-sm">
                <input
                  type="checkbox"
                  name="orderId"
                  value={o.id}
                  className="mt-1"
                  checked={ticked.has(o.id)}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                />
                <span>
                  <span className="font-medium">Order #{o.id}</span>, paid {formatDate(o.paidAt, timeZone)}: products {formatMoney(o.subtotalCents, currency)}
                  {o.shippingCents > 0 ? `, shipping ${formatMoney(o.shippingCents, currency)} (not refunded)` : ""}.{" "}
                  <span className="font-medium">Refund {formatMoney(o.refundCents, currency)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <ConfirmSubmit
            label="Ask for a buyback"
            tone="neutral"
            title={chosen.length === 0 ? "No order is ticked" : `Return ${chosen.length === 1 ? "1 order" : `${chosen.length} orders`}?`}
            confirmLabel={`Ask for ${formatMoney(refund, currency)}`}
            pending={pending}
            pendingLabel="Sending…"
            onOpen={() => chosen.length > 0}
          >
            <p>
              {formatMoney(refund, currency)} ({rateLabel} of the products&rsquo; price of {chosen.map((o) => `#${o.id}`).join(", ")}) goes back to the way they
              were paid once the company approves and receives the products. Shipping is not refunded.
            </p>
            <p>The commissions paid to the upline on these orders are reversed.</p>
          </ConfirmSubmit>
        </>
      )}
      <FormMessage state={state} />
    </form>
  );
}
