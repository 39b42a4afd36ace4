import { z } from "zod";
import type { ShippingAddress } from "@/db/schema";
import { addressFormat } from "@/lib/address-formats";
import { textField } from "./input";

export type AddressField = "shipName" | "shipLine1" | "shipLine2" | "shipCity" | "shipRegion" | "shipPostalCode" | "shipCountry";

const line = (missing: string, max: number) =>
  textField(missing)
    .min(1, { error: missing })
    .max(max, { error: `Use at most ${max} characters.` });
const optionalLine = (max: number) => textField().max(max, { error: `Use at most ${max} characters.` });

const fields = z.object({
  shipName: line("Enter the name to ship to.", 80),
  shipLine1: line("Enter the street address.", 120),
  shipLine2: optionalLine(120),
  shipCity: line("Enter the city or town.", 80),
  shipRegion: optionalLine(80),
  shipPostalCode: optionalLine(16),
  shipCountry: z.string().regex(/^[A-Z]{2}$/, { error: "Choose a country." }),
});

/**
 * A shipping address from a checkout form, checked the way its country writes
 * addresses (required region, postal code shape); `shippable`: the countries
 * with a shipping rate. Errors are per field, ready for the form.
 */
export function parseShippingAddress(
  values: Partial<Record<AddressField, string>>,
  shippable: ReadonlySet<string>,
): { ok: true; address: ShippingAddress } | { ok: false; fieldErrors: Partial<Record<AddressField, string>> } {
  const parsed = fields.safeParse({
    shipName: values.shipName ?? "",
    shipLine1: values.shipLine1 ?? "",
    shipLine2: values.shipLine2 ?? "",
    shipCity: values.shipCity ?? "",
    shipRegion: values.shipRegion ?? "",
    shipPostalCode: values.shipPostalCode ?? "",
    shipCountry: values.shipCountry ?? "",
  });
  const fieldErrors: Partial<Record<AddressField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as AddressField;
      fieldErrors[key] ??= issue.message;
    }
  }
  // The country's own rules too, so every field at fault is named in one round.
  const country = values.shipCountry ?? "";
  if (!fieldErrors.shipCountry && !shippable.has(country)) fieldErrors.shipCountry = "We do not ship to this country yet. Choose another country.";
  const format = addressFormat(country);
  const region = (values.shipRegion ?? "").trim();
  const postal = (values.shipPostalCode ?? "").trim().toUpperCase().replace(/\s+/g, " ");
  if (!fieldErrors.shipRegion && format.regionRequired && !region) fieldErrors.shipRegion = `Enter the ${format.regionLabel.toLowerCase()}.`;
  const postalName = format.postalLabel.replace(" (optional)", "");
  // A postal code already at fault (too long, control characters) keeps that message.
  if (!fieldErrors.shipPostalCode && format.postalRequired && !postal) fieldErrors.shipPostalCode = `Enter the ${postalName}.`;
  else if (!fieldErrors.shipPostalCode && postal && format.postalPattern && !format.postalPattern.test(postal)) {
    fieldErrors.shipPostalCode = `Enter a valid ${postalName}, like ${format.postalExample}.`;
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const a = parsed.data;
  return {
    ok: true,
    address: {
      name: a.shipName,
      line1: a.shipLine1,
      ...(a.shipLine2 ? { line2: a.shipLine2 } : {}),
      city: a.shipCity,
      ...(a.shipRegion ? { region: a.shipRegion } : {}),
      ...(postal ? { postalCode: postal } : {}),
      country: a.shipCountry,
    },
  };
}

const addressFields: AddressField[] = ["shipName", "shipLine1", "shipLine2", "shipCity", "shipRegion", "shipPostalCode", "shipCountry"];

/** The address fields of a submitted form, as typed (capped), so a refused form can show them again. */
export function addressValues(formData: FormData): Partial<Record<AddressField, string>> {
  const values: Partial<Record<AddressField, string>> = {};
  for (const field of addressFields) {
    const value = formData.get(field);
    values[field] = typeof value === "string" ? value.slice(0, 200) : "";
  }
  return values;
}
