"use client";

import { XIcon } from "lucide-react";
import { Dialog as Primitive } from "radix-ui";
import type { ReactNode } from "react";

// A panel that slides in from the left edge: a Radix Dialog, so it traps
// focus, closes on Escape or a click outside, and returns focus to its trigger.

export const Sheet = Primitive.Root;
export const SheetTrigger = Primitive.Trigger;
export const SheetClose = Primitive.Close;

export function SheetContent({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Primitive.Portal>
      <Primitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <Primitive.Content
        aria-describedby={undefined}
        className="fixed inset-y-0 left-0 z-50 flex w-[min(18rem,calc(100vw-3rem))] flex-col gap-3 overflow-y-auto border-r border-slate-200 bg-white p-4 shadow-xl"
      >
        <div className="flex items-center justify-between gap-2">
          <Primitive.Title className="text-base font-semibold text-slate-900">{title}</Primitive.Title>
          <Primitive.Close className="rounded-md p-2 text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
            <XIcon aria-hidden className="size-4" />
            <span className="sr-only">Close</span>
          </Primitive.Close>
        </div>
        {children}
      </Primitive.Content>
    </Primitive.Portal>
  );
}
