"use client";

import { useId, useRef, type ReactNode } from "react";

const triggerClass = {
  danger: "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60",
  neutral: "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60",
  primary: "rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60",
  // In a crowded table cell.
  link: "text-sm font-medium text-red-800 hover:underline disabled:opacity-60",
};

/**
 * A submit button that asks first: it opens a dialog that states what the
 * action does, and only the dialog's confirm button submits the form it sits
 * in. That button posts `confirm=on` (or the given name and value), which the
 * actions behind a confirmation require, so a post that skipped the dialog
 * changes nothing. The native dialog traps focus, closes on Escape and returns
 * focus to the button; it opens on "Go back", the harmless choice.
 */
export function ConfirmSubmit({
  label,
  title,
  children,
  confirmLabel,
  pending,
  pendingLabel = "Working…",
  tone = "danger",
  trigger,
  confirmName = "confirm",
  confirmValue = "on",
  onOpen,
}: {
  label: ReactNode;
  title: string;
  /** The effect, stated plainly. */
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  pendingLabel?: string;
  tone?: "danger" | "neutral";
  /** The opening button's look; by default it follows `tone`. */
  trigger?: keyof typeof triggerClass;
  confirmName?: string;
  confirmValue?: string;
  /** Called before the dialog opens; false submits the form unconfirmed instead, so the server names what is missing (and changes nothing). */
  onOpen?: () => boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const goBack = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={(event) => {
          if (onOpen && !onOpen()) {
            event.currentTarget.form?.requestSubmit();
            return;
          }
          dialog.current?.showModal();
          goBack.current?.focus();
        }}
        className={triggerClass[trigger ?? tone]}
      >
        {pending ? pendingLabel : label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div id={bodyId} className="space-y-2 text-sm text-slate-700">
            {children}
          </div>
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <button
              ref={goBack}
              type="button"
              autoFocus
              onClick={() => dialog.current?.close()}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              Go back
            </button>
            <button
              type="submit"
              name={confirmName}
              value={confirmValue}
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
