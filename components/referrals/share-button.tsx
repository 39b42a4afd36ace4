"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

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
    <Button variant="secondary" onClick={share} className="whitespace-nowrap">
      Share
    </Button>
  );
}
