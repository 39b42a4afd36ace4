"use client";

import { useActionState } from "react";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { ActionResult, FormResult } from "@/lib/actions/result";
import { NoMatches } from "@/components/ui/list-filters";
import type { ReservedWordField } from "@/lib/validation/admin-referrals";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { Button } from "@/components/ui/button";

type AddAction = (prev: FormResult<ReservedWordField>, formData: FormData) => Promise<FormResult<ReservedWordField>>;
type RemoveAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Reserves a word for every new referral code: as a part of a code, or (a brand) anywhere in one. */
export function AddReservedWordForm({ action }: { action: AddAction }) {
  const [state, formAction, pending] = useActionState<FormResult<ReservedWordField>, FormData>(action, { ok: true });
  const error = (field: ReservedWordField) => state.fieldErrors?.[field];
  const ids = { word: "reserved-word", kind: "reserved-kind", hint: "reserved-word-hint" };
  // What was chosen and typed stays after a refusal (no automatic form reset racing the next input).
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h3 className="font-semibold text-slate-900">Reserve a word</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={ids.word} className="block text-sm font-medium text-slate-700">
            Word
          </label>
          <input
            id={ids.word}
            name="word"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="greenleaf"
            defaultValue={state.values?.word ?? ""}
            aria-invalid={error("word") ? true : undefined}
            aria-describedby={[ids.hint, error("word") ? `${ids.word}-error` : undefined].filter(Boolean).join(" ")}
            className={`mt-1 ${inputClass}`}
          />
          <FieldError id={`${ids.word}-error`} message={error("word")} />
        </div>
        <div>
          <label htmlFor={ids.kind} className="block text-sm font-medium text-slate-700">
            Kind
          </label>
          <select
            id={ids.kind}
            name="kind"
            defaultValue={state.values?.kind ?? "brand"}
            aria-invalid={error("kind") ? true : undefined}
            aria-describedby={error("kind") ? `${ids.kind}-error` : undefined}
            className={`mt-1 ${inputClass}`}
          >
            <option value="brand">Brand word: refused anywhere in a code</option>
            <option value="word">Reserved word: refused as a code or a part of one</option>
          </select>
          <FieldError id={`${ids.kind}-error`} message={error("kind")} />
        </div>
      </div>
      <p id={ids.hint} className="text-xs text-slate-500">
        A brand word (4 or more letters and digits) is refused anywhere, hyphens ignored: “greenleaf” refuses greenleaf-dana and green-leaf-shop. A reserved
        word is refused as a whole part between hyphens: “vip” refuses vip and dana-vip, not vipul. Codes that already use the word keep working.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Reserve word"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

interface RemoveState {
  /** The word the last removal was for. */
  word?: string;
  result: ActionResult;
}

/**
 * The words admins reserved, each with its Remove (after a confirmation that
 * says new codes may use it again). A refusal shows in its row; a removal,
 * whose row is then gone, is confirmed under the list.
 */
export function ReservedWordsList({ action, words }: { action: RemoveAction; words: { word: string; kind: "word" | "brand"; added: string }[] }) {
  const [state, formAction, pending] = useActionState<RemoveState, FormData>(
    async (prev, formData) => ({ word: String(formData.get("word") ?? ""), result: await action(prev.result, formData) }),
    { result: { ok: true } },
  );
  return (
    <div className="space-y-2">
      {words.length === 0 ? <NoMatches>No word added yet: only the built-in words and the company’s name are reserved.</NoMatches> : null}
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white empty:hidden" data-testid="reserved-words">
        {words.map((w) => (
          <li key={w.word} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3" data-testid={`reserved-${w.word}`}>
            <p className="text-sm">
              <span className="font-mono font-medium text-slate-900">{w.word}</span>{" "}
              <span className="text-slate-500">{w.kind === "brand" ? "brand word: anywhere in a code" : "reserved word: as a part of a code"}</span>
              <span className="block text-xs text-slate-500">{w.added}</span>
            </p>
            <details>
              <summary className="w-fit cursor-pointer text-sm font-medium text-red-800 hover:underline">
                Remove<span className="sr-only"> {w.word}</span>
              </summary>
              <form action={formAction} className="mt-2 max-w-xs space-y-2">
                <input type="hidden" name="word" value={w.word} />
                <label className="flex items-start gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="confirm" className="mt-0.5 size-4 shrink-0" />
                  <span>New codes may use “{w.word}” again</span>
                </label>
                <Button type="submit" disabled={pending} variant="destructive-outline">
                  Stop reserving {w.word}
                </Button>
                <FormMessage state={state.word === w.word && !state.result.ok ? state.result : { ok: false }} />
              </form>
            </details>
          </li>
        ))}
      </ul>
      <FormMessage state={state.result.ok ? state.result : { ok: true }} />
    </div>
  );
}
