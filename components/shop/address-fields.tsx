"use client";

import { FieldError, inputClass, TextField } from "@/components/forms/fields";
import { addressFormat } from "@/lib/address-formats";
import type { AddressField } from "@/lib/validation/address";

/**
 * A shipping address's fields, labelled the way the chosen country writes
 * addresses. The country is the parent's state (the totals follow its rate).
 */
export function AddressFields({
  shipping,
  country,
  onCountryChange,
  values,
  errors,
  defaultName,
}: {
  shipping: { country: string; name: string }[];
  country: string;
  onCountryChange: (country: string) => void;
  values: Partial<Record<AddressField, string>>;
  errors: Partial<Record<AddressField, string>>;
  defaultName?: string;
}) {
  const format = addressFormat(country);
  const field = (name: AddressField) => ({ name, defaultValue: values[name] ?? "", error: errors[name] });
  return (
    <>
      <div className="space-y-1">
        <label htmlFor="shipCountry" className="block text-sm font-medium text-slate-700">
          Country
        </label>
        <select
          id="shipCountry"
          name="shipCountry"
          value={country}
          onChange={(e) => onCountryChange(e.target.value)}
          autoComplete="shipping country"
          aria-invalid={errors.shipCountry ? true : undefined}
          aria-describedby={errors.shipCountry ? "shipCountry-error" : undefined}
          className={inputClass}
        >
          {shipping.map((s) => (
            <option key={s.country} value={s.country}>
              {s.name}
            </option>
          ))}
        </select>
        <FieldError id="shipCountry-error" message={errors.shipCountry} />
      </div>
      <TextField
        {...field("shipName")}
        defaultValue={values.shipName ?? defaultName ?? ""}
        label="Full name"
        autoComplete="shipping name"
        required
        maxLength={80}
      />
      <TextField {...field("shipLine1")} label="Street address" autoComplete="shipping address-line1" required maxLength={120} />
      <TextField {...field("shipLine2")} label="Apartment, suite, etc. (optional)" autoComplete="shipping address-line2" maxLength={120} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...field("shipCity")} label="City" autoComplete="shipping address-level2" required maxLength={80} />
        <TextField {...field("shipRegion")} label={format.regionLabel} autoComplete="shipping address-level1" required={format.regionRequired} maxLength={80} />
      </div>
      <TextField
        {...field("shipPostalCode")}
        label={format.postalLabel}
        autoComplete="shipping postal-code"
        required={format.postalRequired}
        maxLength={16}
        hint={format.postalExample ? `For example ${format.postalExample}` : undefined}
      />
    </>
  );
}
