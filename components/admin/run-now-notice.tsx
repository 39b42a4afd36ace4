"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";

// "Run now" reports its outcome above the autoship list, not only on the
// card: the worker runs the order within moments, which moves the autoship to
// next month (often to a later page of the list), so the card, and a message
// kept in it, may be gone by the time the list refreshes.

const Report = createContext<(result: ActionResult) => void>(() => {});

export function useRunNowReport(): (result: ActionResult) => void {
  return useContext(Report);
}

/** The list's frame: the latest "Run now" outcome, then the list. */
export function RunNowNoticeArea({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<ActionResult | null>(null);
  return (
    <Report.Provider value={setNotice}>
      <p
        aria-live="polite"
        data-testid="run-now-notice"
        className={
          notice?.message
            ? `rounded-md border px-3 py-2 text-sm ${notice.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-800"}`
            : "sr-only"
        }
      >
        {notice?.message}
      </p>
      {children}
    </Report.Provider>
  );
}
