"use client";

import { useEffect, useRef } from "react";

/**
 * A hidden field carrying the browser's time zone, filled once the page runs:
 * the server validates it and falls back to the company's zone when it is
 * empty (no JavaScript) or unknown.
 */
export function BrowserTimeZone() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }, []);
  return <input ref={ref} type="hidden" name="timeZone" defaultValue="" />;
}
