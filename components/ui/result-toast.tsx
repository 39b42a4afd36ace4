"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";

/**
 * For a form that stays on its page (no redirect, so no FlashStatus): its
 * success message becomes one toast, announced by the toaster's live region.
 * A failure is not a toast: the form keeps it beside what to fix. Without
 * JavaScript the effect never runs, so the form also renders the success
 * message inside `<noscript>`.
 */
export function useResultToast(state: ActionResult, id: string): void {
  useEffect(() => {
    // The id makes a second call (React's development double effect) update the same toast, not add one.
    if (state.ok && state.message) toast.success(state.message, { id, testId: id });
  }, [state, id]);
}
