"use client";

import { useActionState } from "react";
import type { ActionResult, FormResult } from "@/lib/actions/result";
import { dangerButton, FieldError, FormMessage, inputClass, secondaryButton } from "./form-bits";

type StatusAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
type MoveAction = (prev: FormResult<"sponsor">, formData: FormData) => Promise<FormResult<"sponsor">>;

interface Props {
  distributor: { id: number; name: string; status: "active" | "terminated"; isRoot: boolean; teamSize: number };
  terminate: StatusAction;
  reactivate: StatusAction;
  move: MoveAction;
}

/** Terminate or reactivate, and move with the whole team; each recomputes the open periods. */
export function DistributorActions({ distributor: d, terminate, reactivate, move }: Props) {
  const [statusState, statusAction, changing] = useActionState<ActionResult, FormData>(d.status === "active" ? terminate : reactivate, { ok: true });
  const [moveState, moveAction, moving] = useActionState<FormResult<"sponsor">, FormData>(move, { ok: true });
  if (d.isRoot) return <p className="text-xs text-slate-500">Company root: cannot be terminated or moved.</p>;
  const sponsorError = moveState.fieldErrors?.sponsor;
  const ids = { sponsor: `move-sponsor-${d.id}`, error: `move-sponsor-${d.id}-error` };
  return (
    <details className="group" data-testid={`manage-${d.id}`}>
      <summary className="relative cursor-pointer text-sm font-medium whitespace-nowrap text-brand-700 hover:underline">
        Manage<span className="sr-only"> {d.name}</span>
      </summary>
      {/* Absolute, against the list's frame (outside its scrolling box): opening it neither widens the table nor gets clipped by it. */}
      <div className="absolute right-0 z-10 mt-2 w-72 max-w-full space-y-4 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        <form action={statusAction} className="space-y-2">
          <input type="hidden" name="distributorId" value={d.id} />
          {d.status === "active" ? (
            <button type="submit" disabled={changing} className={dangerButton}>
              {changing ? "Terminating…" : "Terminate"}
            </button>
          ) : (
            <button type="submit" disabled={changing} className={secondaryButton}>
              {changing ? "Reactivating…" : "Reactivate"}
            </button>
          )}
          <FormMessage state={statusState} />
        </form>
        <form action={moveAction} className="space-y-2 border-t border-slate-100 pt-3" noValidate>
          <input type="hidden" name="distributorId" value={d.id} />
          <label htmlFor={ids.sponsor} className="block text-sm font-medium text-slate-700">
            Move {d.teamSize > 0 ? `with their team of ${d.teamSize} ` : ""}under
          </label>
          <input
            id={ids.sponsor}
            name="sponsor"
            placeholder="Referral code or #id"
            defaultValue={moveState.values?.sponsor ?? ""}
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={sponsorError ? true : undefined}
            aria-describedby={sponsorError ? ids.error : undefined}
            className={inputClass}
          />
          <FieldError id={ids.error} message={sponsorError} />
          <button type="submit" disabled={moving} className={secondaryButton}>
            {moving ? "Moving…" : "Move"}
          </button>
          {moveState.ok || !sponsorError ? <FormMessage state={moveState} /> : null}
        </form>
      </div>
    </details>
  );
}
