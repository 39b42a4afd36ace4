"use client";

import { useId, useRef, type ReactNode } from "react";

/**
 * A submit button that asks first: it opens a dialog that states what the
 * action does, and only the dialog's confirm button submits the form it sits
 * in. The native dialog traps focus, closes on Escape and returns focus to the
 * button.
 */
export function ConfirmSubmit({
  label,
  title,
  children,
  confirmLabel,
  pending,
  tone = "danger",
}: {
  label: string;
  title: string;
  /** The effect, stated plainly. */
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  tone?: "danger" | "neutral";
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const buttonClass =
    tone === "danger"
      ? "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
      : "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60";
  return (
    <>
      <button type="button" disabled={pending} onClick={() => dialog.current?.showModal()} className={buttonClass}>
        {pending ? "Working…" : label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="space-y-2 text-sm text-slate-700">{children}</div>
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <button
              type="button"
              autoFocus
              onClick={() => dialog.current?.close()}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              Go back
            </button>
            <button
              type="submit"
              onClick={() => dialog.current?.close()}
              className={
                tone === "danger"
                  ? "rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
                  : "rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
              }
            >
              {confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
