"use client";

import { useEffect, useState } from "react";

/** Copies the link, then says so for two seconds, visibly and to screen readers. */
export function CopyLinkButton({ url }: { url: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      // No clipboard permission (or an insecure context): the link stays selectable in the field.
      setStatus("failed");
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={copy}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold whitespace-nowrap text-white hover:bg-brand-800 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none"
      >
        {status === "copied" ? "Copied" : "Copy link"}
      </button>
      <span aria-live="polite" className="sr-only" data-testid="copy-status">
        {status === "copied" ? "Link copied to the clipboard." : status === "failed" ? "Could not copy: select the link and copy it." : ""}
      </span>
    </>
  );
}
