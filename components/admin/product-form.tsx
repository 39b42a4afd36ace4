"use client";

import { useActionState } from "react";
import type { FormResult } from "@/lib/actions/result";
import type { ProductField } from "@/lib/validation/admin-products";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult<ProductField>, formData: FormData) => Promise<FormResult<ProductField>>;

export interface ProductFormDefaults {
  id?: number;
  name: string;
  sku: string;
  description: string;
  imageUrl: string;
  /** Decimal strings in the company currency, as typed. */
  price: string;
  pv: string;
  cv: string;
  active: boolean;
}

/** Create or edit a product. Amounts are typed as decimals ("12.34") and parsed exactly on the server. */
export function ProductForm({
  action,
  defaults,
  currency,
  submitLabel,
}: {
  action: Action;
  defaults: ProductFormDefaults;
  currency: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<FormResult<ProductField>, FormData>(action, { ok: true });
  const value = (field: Exclude<ProductField, "active">) => state.values?.[field] ?? defaults[field];
  const error = (field: ProductField) => state.fieldErrors?.[field];
  const described = (field: ProductField, hint?: string) => [hint, error(field) ? `product-${field}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const field = (
    name: Exclude<ProductField, "active" | "description">,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
    hint?: string,
  ) => (
    <div>
      <label htmlFor={`product-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`product-${name}`}
        name={name}
        defaultValue={value(name)}
        aria-invalid={error(name) ? true : undefined}
        aria-describedby={described(name, hint ? `product-${name}-hint` : undefined)}
        className={`mt-1 ${inputClass}`}
        {...props}
      />
      {hint ? (
        <p id={`product-${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`product-${name}-error`} message={error(name)} />
    </div>
  );
  // A key per result makes React re-apply the returned values after its automatic form reset.
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4" key={JSON.stringify(state.values ?? null)}>
      {defaults.id ? <input type="hidden" name="productId" value={defaults.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("name", "Name", { required: true, maxLength: 120, autoComplete: "off" })}
        {field(
          "sku",
          "SKU",
          { required: true, maxLength: 40, autoCapitalize: "characters", spellCheck: false, className: `mt-1 font-mono ${inputClass}` },
          "Unique; letters, digits, dots, hyphens.",
        )}
        {field("price", `Price (${currency})`, { required: true, inputMode: "decimal", placeholder: "49.00" })}
        {field("pv", "PV", { required: true, inputMode: "numeric", placeholder: "40" }, "Personal volume points per unit.")}
        {field("cv", `CV (${currency})`, { inputMode: "decimal", placeholder: "Same as the price" }, "Commissionable value per unit; empty means the price.")}
        {field("imageUrl", "Image URL", { inputMode: "url", maxLength: 500, placeholder: "https://… or /products/…" })}
      </div>
      <div>
        <label htmlFor="product-description" className="block text-sm font-medium text-slate-700">
          Description
        </label>
        <textarea
          id="product-description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={value("description")}
          aria-invalid={error("description") ? true : undefined}
          aria-describedby={described("description")}
          className={`mt-1 ${inputClass}`}
        />
        <FieldError id="product-description-error" message={error("description")} />
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="active" defaultChecked={state.values ? state.values.active === "on" : defaults.active} className="size-4" />
        Active: shown in the shop
      </label>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
