"use client";

import { useActionState } from "react";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { ActionResult, FormResult } from "@/lib/actions/result";
import { NoMatches } from "@/components/ui/list-filters";
import type { ShippingRateField } from "@/lib/validation/admin-payments";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { Button } from "@/components/ui/button";

type SetAction = (prev: FormResult<ShippingRateField>, formData: FormData) => Promise<FormResult<ShippingRateField>>;
type RemoveAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Adds a country at a rate, or changes a listed country's rate (choosing it again). */
export function SetShippingRateForm({
  action,
  countries,
  currency,
  rates,
}: {
  action: SetAction;
  countries: readonly { code: string; name: string }[];
  currency: string;
  /** The current rates, formatted, by country code: the list says which countries are offered already. */
  rates: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState<FormResult<ShippingRateField>, FormData>(action, { ok: true });
  const error = (field: ShippingRateField) => state.fieldErrors?.[field];
  const ids = { country: "shipping-country", rate: "shipping-rate", hint: "shipping-rate-hint" };
  // What was chosen and typed stays after a refusal (no automatic form reset racing the next input).
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h3 className="font-semibold text-slate-900">Add a country or change its rate</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={ids.country} className="block text-sm font-medium text-slate-700">
            Country
          </label>
          <select
            id={ids.country}
            name="country"
            defaultValue={state.values?.country ?? ""}
            aria-invalid={error("country") ? true : undefined}
            aria-describedby={error("country") ? `${ids.country}-error` : undefined}
            className={`mt-1 ${inputClass}`}
          >
            <option value="">Choose a country</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {rates[c.code] ? `${c.name} (now ${rates[c.code]})` : c.name}
              </option>
            ))}
          </select>
          <FieldError id={`${ids.country}-error`} message={error("country")} />
        </div>
        <div>
          <label htmlFor={ids.rate} className="block text-sm font-medium text-slate-700">
            Shipping rate ({currency})
          </label>
          <input
            id={ids.rate}
            name="rate"
            inputMode="decimal"
            autoComplete="off"
            placeholder="4.95"
            defaultValue={state.values?.rate ?? ""}
            aria-invalid={error("rate") ? true : undefined}
            aria-describedby={[ids.hint, error("rate") ? `${ids.rate}-error` : undefined].filter(Boolean).join(" ")}
            className={`mt-1 ${inputClass}`}
          />
          <p id={ids.hint} className="mt-1 text-xs text-slate-500">
            A flat rate per order; 0 for free shipping.
          </p>
          <FieldError id={`${ids.rate}-error`} message={error("rate")} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save rate"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

interface RemoveState {
  /** The country the last removal was for. */
  country?: string;
  result: ActionResult;
}

/**
 * The countries checkout offers, each with its Remove (after a confirmation
 * that says checkout will no longer offer it). A refusal shows in its row; a
 * removal, whose row is then gone, is confirmed under the list.
 */
export function ShippingRatesList({ action, rates }: { action: RemoveAction; rates: { country: string; name: string; rate: string }[] }) {
  const [state, formAction, pending] = useActionState<RemoveState, FormData>(
    async (prev, formData) => ({ country: String(formData.get("country") ?? ""), result: await action(prev.result, formData) }),
    { result: { ok: true } },
  );
  return (
    <div className="space-y-2">
      {rates.length === 0 ? <NoMatches>No country yet: checkout cannot take an order until one is added.</NoMatches> : null}
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white empty:hidden" data-testid="shipping-rates">
        {rates.map((r) => (
          <li key={r.country} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3" data-testid={`rate-${r.country}`}>
            <p className="text-sm">
              <span className="font-medium text-slate-900">{r.name}</span> <span className="text-slate-500">({r.country})</span>
              <span className="block text-slate-700 tabular-nums sm:ml-2 sm:inline">{r.rate}</span>
            </p>
            <details>
              <summary className="w-fit cursor-pointer text-sm font-medium text-red-800 hover:underline">
                Remove<span className="sr-only"> {r.name}</span>
              </summary>
              <form action={formAction} className="mt-2 max-w-xs space-y-2">
                <input type="hidden" name="country" value={r.country} />
                <label className="flex items-start gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="confirm" className="mt-0.5 size-4 shrink-0" />
                  <span>Checkout will no longer offer {r.name}</span>
                </label>
                <Button type="submit" disabled={pending} variant="destructive-outline">
                  Remove {r.name} from checkout
                </Button>
                <FormMessage state={state.country === r.country && !state.result.ok ? state.result : { ok: false }} />
              </form>
            </details>
          </li>
        ))}
      </ul>
      <FormMessage state={state.result.ok ? state.result : { ok: true }} />
    </div>
  );
}
