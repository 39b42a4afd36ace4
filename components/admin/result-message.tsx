"use client";

import { useSyncExternalStore } from "react";
import { useResultToast } from "@/components/ui/result-toast";
import type { ActionResult } from "@/lib/actions/result";

const noSubscription = () => () => {};
const onClient = () => true;
const onServer = () => false;

/**
 * The result of a money-changing or destructive admin action that stays on its
 * page (terminate, reactivate, move, close a period, mark paid, publish a plan):
 * a success is confirmed by a toast and also stays written beside the control,
 * as the record of what was done. The toast is what a screen reader hears, so
 * once the page is interactive the written copy of a success is hidden from
 * assistive technology (without JavaScript there is no toast, and it is not).
 * A refusal is never a toast: it is announced here, beside what to fix.
 */
export function ResultMessage({ state, toastId }: { state: ActionResult; toastId: string }) {
  useResultToast(state, toastId);
  const interactive = useSyncExternalStore(noSubscription, onClient, onServer);
  const success = state.ok && Boolean(state.message);
  return (
    <p aria-live="polite" data-testid="form-message" className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
      {success && interactive ? <span aria-hidden="true">{state.message}</span> : state.message}
    </p>
  );
}
