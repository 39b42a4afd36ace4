"use client";

import { useRef, useState, type ComponentProps, type ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { Button, type ButtonVariant } from "./button";

const triggerVariant = {
  danger: "destructive-outline",
  neutral: "secondary",
  primary: "primary",
  // In a crowded table cell.
  link: "destructive-link",
} satisfies Record<string, ButtonVariant>;

/**
 * A submit button that asks first: it opens an alert dialog that states what
 * the action does, and only the dialog's confirm button submits the form it
 * sits in. That submission carries `confirm=on` (or the given name and value),
 * which the actions behind a confirmation require, so a post that skipped the
 * dialog changes nothing. Radix traps focus, closes on Escape and returns
 * focus to the button; the dialog opens on "Go back", the harmless choice.
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
  trigger?: keyof typeof triggerVariant;
  confirmName?: string;
  confirmValue?: string;
  /** Called before the dialog opens; false submits the form unconfirmed instead, so the server names what is missing (and changes nothing). */
  onOpen?: () => boolean;
}) {
  const [open, setOpen] = useState(false);
  // The dialog is portalled out of the form, so the form is submitted through
  // this button, which stays in it. It exists only while the dialog is open
  // (and holds the focus), so pressing Enter in a field can never use it.
  const submitter = useRef<HTMLButtonElement>(null);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button
          variant={triggerVariant[trigger ?? tone]}
          disabled={pending}
          onClick={(event) => {
            if (onOpen && !onOpen()) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        >
          {pending ? pendingLabel : label}
        </Button>
      </AlertDialogTrigger>
      {open ? <button ref={submitter} type="submit" name={confirmName} value={confirmValue} hidden tabIndex={-1} /> : null}
      <ConfirmDialogContent title={title} confirmLabel={confirmLabel} tone={tone} onConfirm={() => submitter.current?.form?.requestSubmit(submitter.current)}>
        {children}
      </ConfirmDialogContent>
    </AlertDialog>
  );
}

/**
 * The open confirmation itself, inside an AlertDialog: the title, the effect,
 * "Go back" (focused when it opens) and the confirm button, which calls
 * `onConfirm` and closes the dialog. ConfirmSubmit's, and the orders list's
 * shared refund dialog (components/admin/refund-orders.tsx).
 */
export function ConfirmDialogContent({
  title,
  children,
  confirmLabel,
  tone = "danger",
  onConfirm,
  onCloseAutoFocus,
}: {
  title: string;
  /** The effect, stated plainly. */
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "neutral";
  onConfirm: () => void;
  onCloseAutoFocus?: ComponentProps<typeof AlertDialogContent>["onCloseAutoFocus"];
}) {
  return (
    <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
      <AlertDialogTitle>{title}</AlertDialogTitle>
      <AlertDialogDescription>{children}</AlertDialogDescription>
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button variant="secondary">Go back</Button>
        </AlertDialogCancel>
        <AlertDialogAction asChild>
          <Button variant={tone === "danger" ? "destructive" : "primary"} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </AlertDialogAction>
      </AlertDialogFooter>
    </AlertDialogContent>
  );
}
