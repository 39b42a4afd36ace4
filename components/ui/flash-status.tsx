"use client";

import { useEffect, type ReactNode } from "react";

/**
 * A one-time result message carried in the URL by a redirect (`?created=1`):
 * shown once, then the parameter leaves the address bar, so a later save's
 * re-render of the page does not show it again (Next's router follows
 * `history.replaceState`).
 */
export function FlashStatus({ param, children }: { param: string; children: ReactNode }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url);
  }, [param]);
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {children}
    </p>
  );
}
