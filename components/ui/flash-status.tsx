"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { toast } from "sonner";

/**
 * A one-time result message carried in the URL by a redirect (`?created=1`):
 * shown once as a toast, then the parameter leaves the address bar (Next's
 * router follows `history.replaceState`). The toast goes by itself, so a later
 * save on the same page never shows the old message again.
 */
export function FlashStatus({ param, children }: { param: string; children: ReactNode }) {
  const message = useRef(children);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    // The id makes a second call (React's development double effect) update the same toast, not add one.
    toast.success(message.current, { id: `flash-${param}`, testId: `flash-${param}` });
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url);
  }, [param]);
  // Without JavaScript there is no toast: the message is on the page instead.
  return (
    <noscript>
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        {children}
      </p>
    </noscript>
  );
}
