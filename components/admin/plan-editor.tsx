"use client";

import { useActionState, useState, useTransition } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { PlanPreviewState } from "@/lib/actions/admin/types";
import type { ActionResult } from "@/lib/actions/result";
import { RATE_CAP_BPS, MAX_LEVELS, MAX_RANKS } from "@/lib/validation/admin-plan";
import { MAX_RETAIL_MIN_CUSTOMERS } from "@/lib/commissions/validate";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { ResultMessage } from "./result-message";
import { PlanPreviewView } from "./plan-preview";
import { Button } from "@/components/ui/button";

export interface PlanDraft {
  activeMinPv: string;
  personalPct: string;
  levels: string[];
  compression: boolean;
  retailRule: boolean;
  /** The share of PV that must be retail, in percent (kept while the rule is off). */
  retailMinPct: string;
  retailCustomerRule: boolean;
  /** The distinct retail customers needed (kept while the rule is off). */
  retailMinCustomers: string;
  ranks: { name: string; minPv: string; minGv: string; paidLevels: string }[];
}

type Preview = (prev: PlanPreviewState, formData: FormData) => Promise<PlanPreviewState>;
type Publish = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

// The shared input class is full width; these figures need only a few characters.
const small = `${inputClass.replace("w-full", "w-24")} tabular-nums`;

/**
 * The plan editor: a draft kept in React state (so neither action resets it),
 * previewed against the open period, then published as a new version.
 */
export function PlanEditor({
  initial,
  preview,
  publish,
  currency,
  nextVersion,
  effective,
}: {
  initial: PlanDraft;
  preview: Preview;
  publish: Publish;
  currency: string;
  nextVersion: number;
  /** When the new version takes effect, in a sentence. */
  effective: string;
}) {
  const [draft, setDraft] = useState(initial);
  const [previewState, previewAction, previewing] = useActionState<PlanPreviewState, FormData>(preview, { ok: true });
  const [publishState, publishAction, publishing] = useActionState<ActionResult, FormData>(publish, { ok: true });
  const [last, setLast] = useState<"preview" | "publish">("preview");
  const [, startTransition] = useTransition();
  const errors = (last === "publish" ? publishState : previewState).fieldErrors ?? {};
  const set = (change: Partial<PlanDraft>) => setDraft((d) => ({ ...d, ...change }));
  const setLevel = (i: number, v: string) => set({ levels: draft.levels.map((l, j) => (j === i ? v : l)) });
  const setRank = (i: number, change: Partial<PlanDraft["ranks"][number]>) => set({ ranks: draft.ranks.map((r, j) => (j === i ? { ...r, ...change } : r)) });
  const err = (key: string) => errors[key];
  const invalid = (key: string) => (err(key) ? true : undefined);
  const describedBy = (key: string) => (err(key) ? `plan-${key.replaceAll(".", "-")}-error` : undefined);
  const errorFor = (key: string) => <FieldError id={`plan-${key.replaceAll(".", "-")}-error`} message={err(key)} />;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    // Submitted by hand, not through <form action>: React would reset the form after the action.
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    // Publishing goes through the confirmation dialog, whose button posts confirm=on.
    const intent = submitter?.getAttribute("name") === "confirm" ? "publish" : "preview";
    const data = new FormData(event.currentTarget, submitter);
    setLast(intent);
    startTransition(() => (intent === "publish" ? publishAction(data) : previewAction(data)));
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-6 rounded-xl border border-slate-200 bg-white p-4" aria-label="Compensation plan draft">
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor="plan-activeMinPv" className="block text-sm font-medium text-slate-700">
              Active PV minimum
            </label>
            <input
              id="plan-activeMinPv"
              name="activeMinPv"
              inputMode="numeric"
              value={draft.activeMinPv}
              onChange={(e) => set({ activeMinPv: e.target.value })}
              aria-invalid={invalid("activeMinPv")}
              aria-describedby={describedBy("activeMinPv")}
              className={`mt-1 ${inputClass}`}
            />
            {errorFor("activeMinPv")}
          </div>
          <div>
            <label htmlFor="plan-personalPct" className="block text-sm font-medium text-slate-700">
              Retail share (% of CV)
            </label>
            <input
              id="plan-personalPct"
              name="personalPct"
              inputMode="decimal"
              value={draft.personalPct}
              onChange={(e) => set({ personalPct: e.target.value })}
              aria-invalid={invalid("personalPct")}
              aria-describedby={describedBy("personalPct")}
              className={`mt-1 ${inputClass}`}
            />
            {errorFor("personalPct")}
          </div>
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" name="compression" checked={draft.compression} onChange={(e) => set({ compression: e.target.checked })} className="size-4" />
            Compression: skip inactive uplines
          </label>
        </div>

        <fieldset className="min-w-0 space-y-2" aria-describedby="plan-retail-hint">
          <legend className="text-sm font-semibold text-slate-900">Retail rule</legend>
          <p id="plan-retail-hint" className="text-xs text-slate-500">
            When on, a distributor is paid on levels 1 and above only if at least this share of their own PV comes from sales to their customers. Otherwise
            their levels&apos; money is breakage; their retail share of CV is unaffected.
          </p>
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
              <input type="checkbox" name="retailRule" checked={draft.retailRule} onChange={(e) => set({ retailRule: e.target.checked })} className="size-4" />
              Require retail sales for level pay
            </label>
            {draft.retailRule && (
              <div>
                <label htmlFor="plan-retailMinPct" className="block text-xs text-slate-600">
                  Retail share of PV needed (%)
                </label>
                <input
                  id="plan-retailMinPct"
                  name="retailMinPct"
                  inputMode="decimal"
                  value={draft.retailMinPct}
                  onChange={(e) => set({ retailMinPct: e.target.value })}
                  aria-invalid={invalid("retailMinPct")}
                  aria-describedby={describedBy("retailMinPct")}
                  className={small}
                />
                {errorFor("retailMinPct")}
              </div>
            )}
          </div>
          <p id="plan-retail-customers-hint" className="text-xs text-slate-500">
            And, or instead: a number of different retail customers (by email) a distributor must have sold to in the period for level pay. Both may be on; a
            distributor then needs both.
          </p>
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="retailCustomerRule"
                checked={draft.retailCustomerRule}
                onChange={(e) => set({ retailCustomerRule: e.target.checked })}
                aria-describedby="plan-retail-customers-hint"
                className="size-4"
              />
              Require retail customers for level pay
            </label>
            {draft.retailCustomerRule && (
              <div>
                <label htmlFor="plan-retailMinCustomers" className="block text-xs text-slate-600">
                  Retail customers needed (1 to {MAX_RETAIL_MIN_CUSTOMERS})
                </label>
                <input
                  id="plan-retailMinCustomers"
                  name="retailMinCustomers"
                  inputMode="numeric"
                  value={draft.retailMinCustomers}
                  onChange={(e) => set({ retailMinCustomers: e.target.value })}
                  aria-invalid={invalid("retailMinCustomers")}
                  aria-describedby={describedBy("retailMinCustomers")}
                  className={small}
                />
                {errorFor("retailMinCustomers")}
              </div>
            )}
          </div>
        </fieldset>

        <fieldset className="min-w-0 space-y-2" aria-describedby="plan-levels-hint">
          <legend className="text-sm font-semibold text-slate-900">Levels (% of CV)</legend>
          <p id="plan-levels-hint" className="text-xs text-slate-500">
            1 to {MAX_LEVELS} levels, up to 2 decimals each. The retail share and all levels together may pay at most {RATE_CAP_BPS / 100}% of CV.
          </p>
          <ol className="flex flex-wrap gap-3">
            {draft.levels.map((level, i) => (
              <li key={i} className="flex items-end gap-1">
                <div>
                  <label htmlFor={`plan-level-${i}`} className="block text-xs text-slate-600">
                    Level {i + 1}
                  </label>
                  <input
                    id={`plan-level-${i}`}
                    name="levelPct"
                    inputMode="decimal"
                    value={level}
                    onChange={(e) => setLevel(i, e.target.value)}
                    aria-invalid={invalid(`levels.${i}`)}
                    aria-describedby={describedBy(`levels.${i}`)}
                    className={small}
                  />
                  {errorFor(`levels.${i}`)}
                </div>
              </li>
            ))}
          </ol>
          <div className="flex gap-2">
            <Button variant="secondary" disabled={draft.levels.length >= MAX_LEVELS} onClick={() => set({ levels: [...draft.levels, "0"] })}>
              Add level
            </Button>
            <Button variant="secondary" disabled={draft.levels.length <= 1} onClick={() => set({ levels: draft.levels.slice(0, -1) })}>
              Remove last level
            </Button>
          </div>
          {errorFor("levels")}
        </fieldset>

        {/* min-w-0: a fieldset is at least as wide as its content by default, which would widen the page past a phone's instead of scrolling the ranks. */}
        <fieldset className="min-w-0 space-y-2">
          <legend className="text-sm font-semibold text-slate-900">Ranks, lowest first</legend>
          <p className="text-xs text-slate-500">Each rank needs at least the PV and GV of the one before, and more of one; paid levels may not go down.</p>
          <ScrollRegion label="Ranks" pinFirst={false} className="">
            <table className="text-sm">
              <thead className="text-left text-slate-600">
                <tr>
                  <th scope="col" className="pr-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="pr-2 font-medium">
                    Min PV
                  </th>
                  <th scope="col" className="pr-2 font-medium">
                    Min GV
                  </th>
                  <th scope="col" className="pr-2 font-medium">
                    Paid levels
                  </th>
                  <th scope="col">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.ranks.map((rank, i) => (
                  <tr key={i} className="align-top">
                    <td className="py-1 pr-2">
                      <input
                        name="rankName"
                        aria-label={`Rank ${i + 1} name`}
                        value={rank.name}
                        onChange={(e) => setRank(i, { name: e.target.value })}
                        aria-invalid={invalid(`ranks.${i}.name`)}
                        aria-describedby={describedBy(`ranks.${i}.name`)}
                        className={inputClass.replace("w-full", "w-36")}
                      />
                      {errorFor(`ranks.${i}.name`)}
                    </td>
                    <td className="py-1 pr-2">
                      <input
                        name="rankMinPv"
                        aria-label={`Rank ${i + 1} minimum PV`}
                        inputMode="numeric"
                        value={rank.minPv}
                        onChange={(e) => setRank(i, { minPv: e.target.value })}
                        aria-invalid={invalid(`ranks.${i}.minPv`)}
                        aria-describedby={describedBy(`ranks.${i}.minPv`)}
                        className={small}
                      />
                      {errorFor(`ranks.${i}.minPv`)}
                    </td>
                    <td className="py-1 pr-2">
                      <input
                        name="rankMinGv"
                        aria-label={`Rank ${i + 1} minimum GV`}
                        inputMode="numeric"
                        value={rank.minGv}
                        onChange={(e) => setRank(i, { minGv: e.target.value })}
                        aria-invalid={invalid(`ranks.${i}.minGv`)}
                        aria-describedby={describedBy(`ranks.${i}.minGv`)}
                        className={small}
                      />
                      {errorFor(`ranks.${i}.minGv`)}
                    </td>
                    <td className="py-1 pr-2">
                      <input
                        name="rankPaidLevels"
                        aria-label={`Rank ${i + 1} paid levels`}
                        inputMode="numeric"
                        value={rank.paidLevels}
                        onChange={(e) => setRank(i, { paidLevels: e.target.value })}
                        aria-invalid={invalid(`ranks.${i}.paidLevels`)}
                        aria-describedby={describedBy(`ranks.${i}.paidLevels`)}
                        className={small}
                      />
                      {errorFor(`ranks.${i}.paidLevels`)}
                    </td>
                    <td className="py-1">
                      <Button variant="destructive-link" className="p-2" onClick={() => set({ ranks: draft.ranks.filter((_, j) => j !== i) })}>
                        Remove<span className="sr-only"> rank {i + 1}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Button
            variant="secondary"
            disabled={draft.ranks.length >= MAX_RANKS}
            onClick={() => set({ ranks: [...draft.ranks, { name: "", minPv: "0", minGv: "0", paidLevels: "0" }] })}
          >
            Add rank
          </Button>
          {errorFor("ranks")}
        </fieldset>

        <div className="flex flex-wrap items-start gap-4 border-t border-slate-100 pt-4">
          <div className="space-y-2">
            <Button type="submit" name="intent" value="preview" disabled={previewing} variant="secondary">
              {previewing ? "Computing…" : "Preview the open period"}
            </Button>
            {last === "preview" ? <FormMessage state={previewState} /> : null}
          </div>
          <div className="space-y-2">
            <ConfirmSubmit
              label="Publish plan"
              title={`Publish version ${nextVersion}?`}
              confirmLabel="Publish"
              pending={publishing}
              pendingLabel="Publishing…"
              tone="neutral"
              trigger="primary"
            >
              <p>{effective}</p>
              <p>Closed periods keep the version they closed with. A published version cannot be withdrawn: a change needs another version.</p>
            </ConfirmSubmit>
            {last === "publish" ? <ResultMessage state={publishState} toastId="plan-published" /> : null}
          </div>
        </div>
      </form>
      {previewState.preview ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <PlanPreviewView preview={previewState.preview} currency={currency} />
        </div>
      ) : null}
    </div>
  );
}
