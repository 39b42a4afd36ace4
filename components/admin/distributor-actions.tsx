"use client";

import { useActionState, useRef, useState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult, FormResult } from "@/lib/actions/result";
import { FieldError, inputClass } from "./form-bits";
import { ResultMessage } from "./result-message";

type StatusAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
type MoveAction = (prev: FormResult<"sponsor">, formData: FormData) => Promise<FormResult<"sponsor">>;

interface Props {
  distributor: { id: number; name: string; status: "active" | "terminated"; isRoot: boolean; teamSize: number; sponsorName: string | null };
  terminate: StatusAction;
  reactivate: StatusAction;
  move: MoveAction;
}

const members = (n: number) => (n === 1 ? "1 member" : `${n} members`);

/** Terminate or reactivate, and move with the whole team; each asks first, stating its effect, and recomputes the open periods. */
export function DistributorActions({ distributor: d, terminate, reactivate, move }: Props) {
  const [statusState, statusAction, changing] = useActionState<ActionResult, FormData>(d.status === "active" ? terminate : reactivate, { ok: true });
  const [moveState, moveAction, moving] = useActionState<FormResult<"sponsor">, FormData>(move, { ok: true });
  const sponsorInput = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState("");
  if (d.isRoot) return <p className="text-xs text-slate-500">Company root: cannot be terminated or moved.</p>;
  const sponsorError = moveState.fieldErrors?.sponsor;
  const ids = { sponsor: `move-sponsor-${d.id}`, error: `move-sponsor-${d.id}-error` };
  const team = d.teamSize > 0 ? `Their team of ${members(d.teamSize)}` : "They have no team; if they recruit, their team";
  return (
    <details className="group" data-testid={`manage-${d.id}`}>
      <summary className="relative cursor-pointer text-sm font-medium whitespace-nowrap text-brand-700 hover:underline">
        Manage<span className="sr-only"> {d.name}</span>
      </summary>
      {/* In its cell's flow, not positioned: an open panel widens its row inside the table's scrolling box (which scrolls to it),
          so it neither escapes that box and widens the page nor covers other rows' controls. Its text wraps in its fixed width. */}
      <div className="mt-2 w-72 space-y-4 rounded-lg border border-slate-200 bg-white p-3 whitespace-normal shadow-sm">
        <form action={statusAction} className="space-y-2">
          <input type="hidden" name="distributorId" value={d.id} />
          {d.status === "active" ? (
            <ConfirmSubmit label="Terminate" title={`Terminate ${d.name}?`} confirmLabel="Terminate" pending={changing} pendingLabel="Terminating…">
              <p>They are signed out everywhere, and from now on they are never active, hold no rank and earn no commissions.</p>
              <p>
                {team} stays under them, and their volume still counts for their upline. The levels they would have earned pass up to the next active upline
                when the plan compresses; otherwise nobody earns them.
              </p>
              <p>Every open period is recomputed. You can reactivate them later.</p>
            </ConfirmSubmit>
          ) : (
            <ConfirmSubmit
              label="Reactivate"
              title={`Reactivate ${d.name}?`}
              confirmLabel="Reactivate"
              pending={changing}
              pendingLabel="Reactivating…"
              tone="neutral"
            >
              <p>They can sign in and earn again: every open period is recomputed, so their rank and commissions come back wherever their volume qualifies.</p>
            </ConfirmSubmit>
          )}
          <ResultMessage state={statusState} toastId={`status-${d.id}`} />
        </form>
        <form action={moveAction} className="space-y-2 border-t border-slate-100 pt-3" noValidate>
          <input type="hidden" name="distributorId" value={d.id} />
          <label htmlFor={ids.sponsor} className="block text-sm font-medium text-slate-700">
            Move {d.teamSize > 0 ? `with their team of ${d.teamSize} ` : ""}under
          </label>
          <input
            ref={sponsorInput}
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
          <ConfirmSubmit
            label="Move"
            title={`Move ${d.name}${d.teamSize > 0 ? " and their team" : ""}?`}
            confirmLabel="Move"
            pending={moving}
            pendingLabel="Moving…"
            tone="neutral"
            onOpen={() => {
              const typed = sponsorInput.current?.value.trim() ?? "";
              setTarget(typed);
              // Nothing typed: the server's field error says so, without a dialog.
              return typed !== "";
            }}
          >
            <p>
              {members(d.teamSize + 1)} ({d.name}
              {d.teamSize > 0 ? ` and ${members(d.teamSize)} under them` : ""}) {d.teamSize > 0 ? "move" : "moves"} from {d.sponsorName ?? "their sponsor"} to
              the distributor with referral code or id &ldquo;{target}&rdquo;.
            </p>
            <p>Their volume then counts for the new upline instead, and every open period is recomputed. Closed periods stay as they were.</p>
          </ConfirmSubmit>
          {moveState.ok || !sponsorError ? <ResultMessage state={moveState} toastId={`move-${d.id}`} /> : null}
        </form>
      </div>
    </details>
  );
}
