"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner } from "sonner";

/**
 * The one place toasts appear (the root layout holds it). Sonner announces
 * each toast through its polite live region; a toast closes by itself after
 * a few seconds or with its close button, so a result never lingers on the
 * page after later saves.
 */
export function Toaster() {
  // Toasts follow the page's theme (next-themes), not only the system's.
  const { resolvedTheme } = useTheme();
  return <Sonner theme={resolvedTheme === "dark" ? "dark" : "light"} position="top-center" richColors closeButton duration={6000} />;
}
