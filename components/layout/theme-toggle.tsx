"use client";

import { useSyncExternalStore } from "react";
import { useTheme } from "next-themes";
import { Button } from "@/components/ui/button";

const choices = ["system", "light", "dark"] as const;
type Choice = (typeof choices)[number];

const labels: Record<Choice, string> = { system: "System", light: "Light", dark: "Dark" };

const icons: Record<Choice, React.ReactNode> = {
  system: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  light: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </>
  ),
  dark: <path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" />,
};

const noSubscription = () => () => {};

/**
 * The colour theme: one button that steps System → Light → Dark, its name
 * saying the current choice and the next. The choice is kept in this browser
 * (next-themes' localStorage); "System" follows the device's setting.
 */
export function ThemeToggle({ className = "" }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  // The stored choice is known only in the browser: the server renders the button without one (no hydration mismatch).
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const current: Choice | undefined = hydrated ? (choices.find((c) => c === theme) ?? "system") : undefined;
  const next: Choice = choices[(choices.indexOf(current ?? "system") + 1) % choices.length]!;
  const name = current ? `Theme: ${labels[current]}. Switch to ${labels[next]}` : "Theme";
  return (
    <Button
      variant="ghost"
      size="icon"
      onClick={() => setTheme(next)}
      disabled={!current}
      aria-label={name}
      title={name}
      data-testid="theme-toggle"
      data-theme-choice={current}
      className={`shrink-0 ${className}`}
    >
      <svg
        viewBox="0 0 24 24"
        aria-hidden="true"
        className="size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {current ? icons[current] : null}
      </svg>
    </Button>
  );
}
