"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

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
      <Button onClick={copy} className="whitespace-nowrap">
        {status === "copied" ? "Copied" : "Copy link"}
      </Button>
      <span aria-live="polite" className="sr-only" data-testid="copy-status">
        {status === "copied" ? "Link copied to the clipboard." : status === "failed" ? "Could not copy: select the link and copy it." : ""}
      </span>
    </>
  );
}
