"use client";

import { Tooltip as Primitive } from "radix-ui";
import type { ReactNode } from "react";

/**
 * A short hint on hover and on keyboard focus (a `title` attribute shows on
 * neither a keyboard nor a touch screen). The hint only repeats or names what
 * the trigger does; it never holds anything a person needs.
 */
export function Tooltip({ content, children }: { content: string; children: ReactNode }) {
  return (
    <Primitive.Provider delayDuration={300}>
      <Primitive.Root>
        <Primitive.Trigger asChild>{children}</Primitive.Trigger>
        <Primitive.Portal>
          <Primitive.Content sideOffset={6} className="z-50 rounded-md bg-slate-900 px-2 py-1 text-xs font-medium text-white shadow-md">
            {content}
            <Primitive.Arrow className="fill-slate-900" />
          </Primitive.Content>
        </Primitive.Portal>
      </Primitive.Root>
    </Primitive.Provider>
  );
}
