"use client";

import { createContext, useActionState, useContext, useRef, useState, type ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
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

interface RefundContext {
  ask: (target: RefundTarget, trigger: HTMLButtonElement) => void;
  /** The order last sent, and what the server answered (while `pending`, the previous answer). */
  sentId: number | null;
  state: ActionResult;
  pending: boolean;
}

const Context = createContext<RefundContext | null>(null);

/**
 * The refunds of a list of orders: one confirmation dialog and one form for the
 * whole page, opened by each paid row's Refund button. Every row used to carry
 * its own form, dialog and action state; profiled, they were a fifth of the
 * orders page's server time. The dialog says where the money goes and what
 * happens to the commissions paid on the order; its confirm button posts
 * `confirm=on`, which the action requires. Success is a toast (the row's status
 * then says Refunded); a refusal stays in the row it concerns. Refunding needs
 * JavaScript (the confirmation is a dialog), so there is no `<noscript>` result.
 */
export function RefundOrders({ action, children }: { action: Action; children: ReactNode }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  const [target, setTarget] = useState<RefundTarget | null>(null);
  const [open, setOpen] = useState(false);
  const [sentId, setSentId] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const trigger = useRef<HTMLButtonElement | null>(null);
  useResultToast(state, `refunded-${sentId}`);

  const ask = (next: RefundTarget, button: HTMLButtonElement) => {
    trigger.current = button;
    setTarget(next);
    setOpen(true);
  };
  const lines = target?.commission.lines === 1 ? "1 commission line" : `${target?.commission.lines} commission lines`;
  return (
    <Context value={{ ask, sentId, state, pending }}>
      {children}
      <form ref={form} action={formAction} hidden>
        <input type="hidden" name="orderId" value={target?.orderId ?? ""} />
        <input type="hidden" name="confirm" value="on" />
      </form>
      <AlertDialog open={open} onOpenChange={setOpen}>
        {target ? (
          <AlertDialogContent
            onCloseAutoFocus={(event) => {
              // No Radix trigger (the buttons are the rows'): focus goes back to the one that opened it, if it is still there.
              event.preventDefault();
              trigger.current?.focus();
            }}
          >
            <AlertDialogTitle>{`Refund order #${target.orderId}?`}</AlertDialogTitle>
            <AlertDialogDescription>
              <p>
                {target.provider
                  ? `${target.amount} goes back to the buyer through ${target.provider}.`
                  : `It was paid before payments went through a provider: return ${target.amount} to the buyer yourself.`}
              </p>
              <p>
                {target.commission.lines === 0
                  ? "No commission was paid on it."
                  : target.periodClosed
                    ? `Its period is closed, so its ${lines} (${target.commission.amount}) are clawed back: negative lines in the open period.`
                    : `Its ${lines} (${target.commission.amount}) leave the open period, which is recomputed without its volume: ranks may change.`}
              </p>
            </AlertDialogDescription>
            <AlertDialogFooter>
              <AlertDialogCancel asChild>
                <Button variant="secondary">Go back</Button>
              </AlertDialogCancel>
              <AlertDialogAction asChild>
                <Button
                  variant="destructive"
                  onClick={() => {
                    setSentId(target.orderId);
                    form.current?.requestSubmit();
                  }}
                >
                  {`Refund ${target.amount}`}
                </Button>
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        ) : null}
      </AlertDialog>
    </Context>
  );
}

/** A paid row's Refund button, inside RefundOrders; a refusal of this order's refund is shown under it. */
export function RefundButton({ target }: { target: RefundTarget }) {
  const refunds = useContext(Context);
  if (!refunds) throw new Error("RefundButton needs a RefundOrders around it");
  const mine = refunds.sentId === target.orderId;
  const busy = mine && refunds.pending;
  return (
    <div className="mt-2 space-y-2" data-testid={`refund-${target.orderId}`}>
      <Button variant="destructive-link" disabled={refunds.pending} onClick={(event) => refunds.ask(target, event.currentTarget)}>
        {busy ? (
          "Refunding…"
        ) : (
          <>
            Refund<span className="sr-only"> order #{target.orderId}</span>
          </>
        )}
      </Button>
      {/* Always there, so screen readers hear a refusal when it appears. */}
      <FormMessage state={mine && !busy && !refunds.state.ok ? refunds.state : { ok: false }} />
    </div>
  );
}
