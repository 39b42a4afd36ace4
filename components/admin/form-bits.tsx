import type { ActionResult } from "@/lib/actions/result";

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-[invalid=true]:border-red-600 sm:text-sm";

/** A field's error, tied to its input by id (aria-describedby) and announced when it appears. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="mt-1 text-sm text-red-700" data-testid={`${id}`} hidden={!message}>
      {message}
    </p>
  );
}

/** The outcome of a form, read out by screen readers. */
export function FormMessage({ state }: { state: ActionResult }) {
  return (
    <p aria-live="polite" data-testid="form-message" className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
      {state.message}
    </p>
  );
}
