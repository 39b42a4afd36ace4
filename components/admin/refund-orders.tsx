"use client";

import { createContext, useActionState, useContext, useRef, useState, type ReactNode } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialogContent } from "@/components/ui/confirm-submit";
import { useResultToast } from "@/components/ui/result-toast";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "./form-bits";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** A paid order as its refund's confirmation states it. */
export interface RefundTarget {
  orderId: number;
  /** The total, formatted in the company currency. */
  amount: string;
  /** The provider that took the payment ("Stripe"); null for an order paid before payments went through one. */
  provider: string | null;
  periodClosed: boolean;
  /** The commission lines paid on the order, and their total (formatted). */
  commission: { lines: number; amount: string };
}

/** The page's refunds so far: the last answer, for which order, and each refused order's reason. */
interface RefundsState extends ActionResult {
  orderId: number | null;
  refusals: Readonly<Record<number, string>>;
}

interface RefundContext {
  ask: (target: RefundTarget, trigger: HTMLButtonElement) => void;
  /** The order whose confirmation is open. */
  asking: number | null;
  /** The order being refunded now. */
  sending: number | null;
  refusals: Readonly<Record<number, string>>;
}

const Context = createContext<RefundContext | null>(null);

/**
 * The refunds of a list of orders: one confirmation dialog and one form for the
 * whole page, opened by each paid row's Refund button. (Every row used to carry
 * its own form, dialog and action state; profiled, rendering them was about a
 * fifth of the orders page's server time.) The dialog, like
 * `components/ui/confirm-submit.tsx`'s, says where the money goes and what
 * happens to the commissions paid on the order, opens on "Go back", and only
 * its confirm button submits, with `confirm=on`, which the action requires and
 * which the form holds only while the dialog is open. Success is a toast (the
 * row's status then says Refunded); a refusal is shown in the row of the order
 * it concerns. Refunding needs JavaScript (the confirmation is a dialog), so
 * there is no `<noscript>` result.
 */
export function RefundOrders({ action, children }: { action: Action; children: ReactNode }) {
  const [state, formAction, pending] = useActionState<RefundsState, FormData>(
    async (prev, formData) => {
      const orderId = Number(formData.get("orderId"));
      // The server action reads only the form; the page's own bookkeeping stays here.
      const result = await action({ ok: true }, formData);
      const others = Object.fromEntries(Object.entries(prev.refusals).filter(([id]) => Number(id) !== orderId));
      return { ...result, orderId, refusals: result.ok ? others : { ...others, [orderId]: result.message ?? "This order was not refunded." } };
    },
    { ok: true, orderId: null, refusals: {} },
  );
  const [target, setTarget] = useState<RefundTarget | null>(null);
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const trigger = useRef<HTMLButtonElement | null>(null);
  // Keyed by the order the answer is about, so the next refund's start never replays this one's toast.
  useResultToast(state, `refunded-${state.orderId}`);

  const ask = (next: RefundTarget, button: HTMLButtonElement) => {
    trigger.current = button;
    setTarget(next);
    setOpen(true);
  };
  return (
    <Context value={{ ask, asking: open ? (target?.orderId ?? null) : null, sending: pending ? sending : null, refusals: state.refusals }}>
      {children}
      <form ref={form} action={formAction} hidden>
        <input type="hidden" name="orderId" value={target?.orderId ?? ""} />
        {open ? <input type="hidden" name="confirm" value="on" /> : null}
      </form>
      <AlertDialog open={open} onOpenChange={setOpen}>
        {target ? (
          <ConfirmDialogContent
            title={`Refund order #${target.orderId}?`}
            confirmLabel={`Refund ${target.amount}`}
            onConfirm={() => {
              setSending(target.orderId);
              // Synchronous: the form is read before the dialog closes and takes `confirm` with it.
              form.current?.requestSubmit();
            }}
            onCloseAutoFocus={(event) => {
              // No Radix trigger (the buttons are the rows'): focus goes back to the one that opened it, if it is still there.
              event.preventDefault();
              trigger.current?.focus();
            }}
          >
            <RefundEffect target={target} />
          </ConfirmDialogContent>
        ) : null}
      </AlertDialog>
    </Context>
  );
}

function RefundEffect({ target }: { target: RefundTarget }) {
  const { amount, provider, periodClosed, commission } = target;
  const lines = commission.lines === 1 ? "1 commission line" : `${commission.lines} commission lines`;
  return (
    <>
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
    </>
  );
}

/** A paid row's Refund button, inside RefundOrders; a refusal of this order's refund is shown under it. */
export function RefundButton({ target }: { target: RefundTarget }) {
  const refunds = useContext(Context);
  if (!refunds) throw new Error("RefundButton needs a RefundOrders around it");
  const busy = refunds.sending === target.orderId;
  const refusal = refunds.refusals[target.orderId];
  return (
    <div className="mt-2 space-y-2" data-testid={`refund-${target.orderId}`}>
      {/* aria-disabled, not disabled, while a refund is on its way: a disabled button could not take the focus back. */}
      <Button
        variant="destructive-link"
        className="aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
        aria-haspopup="dialog"
        aria-expanded={refunds.asking === target.orderId}
        aria-disabled={refunds.sending !== null}
        onClick={(event) => {
          if (refunds.sending === null) refunds.ask(target, event.currentTarget);
        }}
      >
        {busy ? (
          "Refunding…"
        ) : (
          <>
            Refund<span className="sr-only"> order #{target.orderId}</span>
          </>
        )}
      </Button>
      {/* Always there, so screen readers hear a refusal when it appears. */}
      <FormMessage state={refusal ? { ok: false, message: refusal } : { ok: false }} />
    </div>
  );
}
