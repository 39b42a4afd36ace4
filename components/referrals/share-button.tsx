"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** The phone's share sheet, shown only where the browser has one (never in the server HTML). */
export function ShareButton({ url, title, text }: { url: string; title: string; text: string }) {
  const canShare = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => false,
  );
  if (!canShare) return null;

  async function share() {
    try {
      await navigator.share({ url, title, text });
    } catch {
      // Dismissing the share sheet rejects; that is not an error worth showing.
    }
  }

  return (
    <button
      type="button"
      onClick={share}
      className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold whitespace-nowrap text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
    >
      Share
    </button>
  );
}
