import type { ComponentProps } from "react";

const base =
  "inline-flex items-center justify-center gap-2 rounded-md focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:pointer-events-none disabled:opacity-60";

const variants = {
  primary: "font-semibold bg-brand-700 text-white hover:bg-brand-800",
  secondary: "font-semibold border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  destructive: "font-semibold bg-red-700 text-white hover:bg-red-800",
  /** A destructive action's opening button: quieter than the confirm that follows. */
  "destructive-outline": "font-semibold border border-red-300 bg-white text-red-800 hover:bg-red-50",
  ghost: "font-semibold text-slate-700 hover:bg-slate-100",
  link: "font-medium text-brand-700 hover:underline",
  /** In a crowded table cell. */
  "destructive-link": "font-medium text-red-800 hover:underline",
} as const;

const sizes = {
  /** Beside each row of a list (mark read). */
  xs: "px-2.5 py-1 text-xs",
  sm: "px-3 py-1.5 text-sm",
  md: "px-4 py-2 text-sm",
  /** The one action of a small page (sign in, sign up). */
  lg: "px-4 py-2.5 text-base",
  icon: "size-9 text-sm",
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

/** The classes of a button, for a link or a summary that should look like one. */
export function buttonClass({ variant = "primary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  // A link-styled button takes no padding, so it lines up with text.
  const sizing = variant === "link" || variant === "destructive-link" ? "text-sm" : sizes[size];
  return [base, variants[variant], sizing, className].filter(Boolean).join(" ");
}

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** The one button of the app. `type` defaults to "button", so a button in a form submits only when it says so. */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
