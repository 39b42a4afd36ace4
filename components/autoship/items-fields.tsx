"use client";

import { FieldError, inputClass } from "@/components/forms/fields";
import { formatMoney } from "@/lib/format";

export interface AutoshipProduct {
  id: number;
  name: string;
  priceCents: number;
  pv: number;
}

/** A quantity per product (qty-<id>), 0 to leave it out; `quantities` is the parent's state, for its totals. */
export function ItemsFields({
  products,
  currency,
  quantities,
  onChange,
  error,
  showPv = true,
}: {
  products: AutoshipProduct[];
  currency: string;
  quantities: Record<number, number>;
  onChange: (next: Record<number, number>) => void;
  error?: string;
  /** PV is a member's measure: a retail customer sees prices only. */
  showPv?: boolean;
}) {
  return (
    <div className="space-y-2">
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-describedby={error ? "items-error" : undefined}>
        {products.map((p) => (
          <li key={p.id} className="flex items-center justify-between gap-3 px-3 py-2">
            <label htmlFor={`qty-${p.id}`} className="min-w-0 flex-1">
              <span className="block font-medium break-words text-slate-900">{p.name}</span>
              <span className="block text-sm text-slate-600">
                {formatMoney(p.priceCents, currency)}
                {showPv ? ` · ${p.pv} PV` : ""}
              </span>
            </label>
            <input
              id={`qty-${p.id}`}
              name={`qty-${p.id}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={99}
              value={quantities[p.id] ?? 0}
              onChange={(e) => onChange({ ...quantities, [p.id]: Math.max(0, Math.min(99, Math.trunc(Number(e.target.value) || 0))) })}
              aria-invalid={error ? true : undefined}
              className={`${inputClass} w-20 shrink-0 text-right`}
            />
          </li>
        ))}
      </ul>
      <FieldError id="items-error" message={error} />
    </div>
  );
}

const days = Array.from({ length: 28 }, (_, i) => i + 1);

/** The day of the month, 1 to 28 (every month has it). */
export function DaySelect({ value, onChange, error }: { value: number; onChange: (day: number) => void; error?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor="dayOfMonth" className="block text-sm font-medium text-slate-700">
        Day of the month
      </label>
      <select
        id="dayOfMonth"
        name="dayOfMonth"
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "dayOfMonth-error" : "dayOfMonth-hint"}
        className={`${inputClass} sm:w-40`}
      >
        {days.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <p id="dayOfMonth-hint" className="text-sm text-slate-500">
        From 1 to 28, so that every month has it.
      </p>
      <FieldError id="dayOfMonth-error" message={error} />
    </div>
  );
}
