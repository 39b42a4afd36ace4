"use client";

import { AlertDialog as Primitive } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";

// shadcn-style wrappers: Radix gives the focus trap, Escape, focus return and
// the alertdialog role; these give the look.

export const AlertDialog = Primitive.Root;
export const AlertDialogTrigger = Primitive.Trigger;
export const AlertDialogAction = Primitive.Action;
export const AlertDialogCancel = Primitive.Cancel;

/** The overlay and the centred panel, portalled to the body. Scrolls inside itself when taller than the window. */
export function AlertDialogContent({ className = "", children, ...props }: ComponentProps<typeof Primitive.Content>) {
  return (
    <Primitive.Portal>
      <Primitive.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
      <Primitive.Content
        className={`fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 space-y-3 overflow-y-auto rounded-xl border border-slate-200 bg-white p-5 shadow-xl ${className}`}
        {...props}
      >
        {children}
      </Primitive.Content>
    </Primitive.Portal>
  );
}

export function AlertDialogTitle({ className = "", ...props }: ComponentProps<typeof Primitive.Title>) {
  return <Primitive.Title className={`text-lg font-semibold text-slate-900 ${className}`} {...props} />;
}

/** The consequence. A div, so it can hold several paragraphs or a list. */
export function AlertDialogDescription({ className = "", children, ...props }: ComponentProps<typeof Primitive.Description>) {
  return (
    <Primitive.Description asChild {...props}>
      <div className={`space-y-2 text-sm text-slate-700 ${className}`}>{children}</div>
    </Primitive.Description>
  );
}

export function AlertDialogFooter({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap justify-end gap-2 pt-2">{children}</div>;
}
