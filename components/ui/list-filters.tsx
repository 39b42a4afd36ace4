// The GET filter forms and plain tables of the list pages (admin orders, distributors, products):
// one look, one set of labels, and the filters stay plain HTML (they work without JavaScript).

import { Button } from "./button";

export const filterControl = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function FilterSearch({ defaultValue, placeholder, width }: { defaultValue: string; placeholder: string; width: string }) {
  return (
    <label className="text-sm text-slate-700">
      <span className="block">Search</span>
      <input name="q" type="search" defaultValue={defaultValue} placeholder={placeholder} className={`${filterControl} ${width}`} />
    </label>
  );
}

export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
}: {
  label: string;
  name: string;
  defaultValue: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="text-sm text-slate-700">
      <span className="block">{label}</span>
      <select name={name} defaultValue={defaultValue} className={filterControl}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ApplyButton() {
  return (
    <Button type="submit" size="sm">
      Apply
    </Button>
  );
}

export function NoMatches({ children }: { children: string }) {
  return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{children}</p>;
}

export interface Column {
  label: string;
  align?: "right";
  /** Announced to screen readers only (an actions column). */
  hidden?: boolean;
}

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="bg-slate-50 text-left text-slate-600">
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={c.align === "right" ? "px-3 py-2 text-right font-medium" : "px-3 py-2 font-medium"}>
            {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
