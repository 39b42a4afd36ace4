import { z } from "zod";
import { countries, isCountryCode, type CountryCode } from "@/lib/countries";
import { decimalToMinor, minorToDecimal, parseWhole } from "./admin-money";

// The payments settings page's forms (/admin/payments): shipping rates and the
// checkout settings. Amounts are decimal strings in the company currency,
// parsed exactly (`digits`: the currency's minor digits). The bounds are the
// database's own checks (db/schema/payments.ts), so a valid form always saves.

export const MAX_SHIPPING_RATE_MINOR = 100_000_000;
export const MAX_GUEST_TOTAL_MINOR = 100_000_000;
export const MAX_GUEST_UNITS = 990;
export const MIN_PAYMENT_WINDOW_MINUTES = 30;
export const MAX_PAYMENT_WINDOW_MINUTES = 7 * 24 * 60;

export const shippingRateFields = ["country", "rate"] as const;
export type ShippingRateField = (typeof shippingRateFields)[number];
export const checkoutSettingsFields = ["windowAmount", "windowUnit", "guestMaxTotal", "guestMaxUnits"] as const;
export type CheckoutSettingsField = (typeof checkoutSettingsFields)[number];

export interface CheckoutSettingsInput {
  pendingOrderMinutes: number;
  guestMaxTotalCents: number;
  guestMaxUnits: number;
}

/** "Japan" for "JP". */
export function countryName(code: string): string {
  return countries.find((c) => c.code === code)?.name ?? code;
}

const countryField = z.string({ error: "Choose a country from the list." }).refine((value): value is CountryCode => isCountryCode(value), {
  error: "Choose a country from the list.",
});

function example(digits: number, whole: string): string {
  return digits === 0 ? whole : `${whole}.${"0".repeat(digits)}`;
}

/** A money field: `format` when it is not a plain amount, then the range (`min` 0 or 1 minor unit). */
function amount(digits: number, { format, min, tooSmall, max }: { format: string; min: number; tooSmall?: string; max: number }) {
  return z.string({ error: format }).transform((value, ctx) => {
    const minor = decimalToMinor(value, digits);
    if (minor === null) {
      ctx.addIssue({ code: "custom", message: format });
      return z.NEVER;
    }
    if (minor < min) {
      ctx.addIssue({ code: "custom", message: tooSmall ?? format });
      return z.NEVER;
    }
    if (minor > max) {
      ctx.addIssue({ code: "custom", message: `That is too large: at most ${minorToDecimal(max, digits)}.` });
      return z.NEVER;
    }
    return minor;
  });
}

/** Adding or changing one country's flat shipping rate; 0 is free shipping. */
export function shippingRateSchema(digits: number) {
  const decimals = digits > 0 ? ` (at most ${digits} decimal${digits === 1 ? "" : "s"})` : "";
  return z.object({
    country: countryField,
    rate: amount(digits, {
      format: `Enter the rate like ${digits === 0 ? "500" : `4.${"95".slice(0, digits).padEnd(digits, "0")}`}${decimals}, or 0 for free shipping.`,
      min: 0,
      max: MAX_SHIPPING_RATE_MINOR,
    }),
  });
}

/** Removing a country: checkout stops offering it, so the form must be confirmed. */
export const removeShippingRateSchema = z.object({
  country: countryField,
  confirm: z.literal("on", { error: "Tick the box to confirm: checkout will no longer offer this country." }),
});

const windowMessage = `The payment window must be from ${MIN_PAYMENT_WINDOW_MINUTES} minutes to 7 days (${MAX_PAYMENT_WINDOW_MINUTES / 60} hours).`;
const optionalText = z.string().optional();

/**
 * The checkout settings form: the payment window (minutes or hours) and the
 * caps on a guest's order. Each field is checked whatever the others hold, so
 * one answer lists every mistake.
 */
export function checkoutSettingsSchema(digits: number) {
  const decimals = digits > 0 ? ` (at most ${digits} decimal${digits === 1 ? "" : "s"})` : "";
  const guestMaxTotal = amount(digits, {
    format: `Enter the amount like ${example(digits, "1000")}${decimals}.`,
    min: 1,
    tooSmall: "The cap must be more than 0, or guests could not order at all.",
    max: MAX_GUEST_TOTAL_MINOR,
  });
  const unitsMessage = `Enter a whole number of items from 1 to ${MAX_GUEST_UNITS}.`;
  return z
    .object({ windowAmount: optionalText, windowUnit: optionalText, guestMaxTotal: optionalText, guestMaxUnits: optionalText })
    .transform((v, ctx): CheckoutSettingsInput => {
      const fail = (field: CheckoutSettingsField, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
      const amountOfWindow = parseWhole(v.windowAmount ?? "", 1_000_000);
      const unit = v.windowUnit === "minutes" || v.windowUnit === "hours" ? v.windowUnit : null;
      if (amountOfWindow === null) fail("windowAmount", "Enter the payment window as a whole number.");
      if (unit === null) fail("windowUnit", "Choose minutes or hours.");
      const minutes = amountOfWindow === null || unit === null ? null : unit === "hours" ? amountOfWindow * 60 : amountOfWindow;
      if (minutes !== null && (minutes < MIN_PAYMENT_WINDOW_MINUTES || minutes > MAX_PAYMENT_WINDOW_MINUTES)) fail("windowAmount", windowMessage);
      const total = guestMaxTotal.safeParse(v.guestMaxTotal ?? "");
      if (!total.success) fail("guestMaxTotal", total.error.issues[0]?.message ?? "Enter an amount.");
      const units = parseWhole(v.guestMaxUnits ?? "", MAX_GUEST_UNITS);
      if (units === null || units < 1) fail("guestMaxUnits", unitsMessage);
      return { pendingOrderMinutes: minutes ?? 0, guestMaxTotalCents: total.data ?? 0, guestMaxUnits: units ?? 0 };
    });
}

/** A form's fields (and only those) as strings; a missing field stays undefined. */
export function formValues<Field extends string>(formData: FormData, fields: readonly Field[]): Record<Field, string | undefined> {
  const out = {} as Record<Field, string | undefined>;
  for (const field of fields) {
    const value = formData.get(field);
    out[field] = typeof value === "string" ? value : undefined;
  }
  return out;
}

/** The payment window as the form shows it: whole hours when it is some, else minutes. */
export function paymentWindowParts(minutes: number): { amount: string; unit: "minutes" | "hours" } {
  return minutes % 60 === 0 ? { amount: String(minutes / 60), unit: "hours" } : { amount: String(minutes), unit: "minutes" };
}

/** "24 hours", "90 minutes", "7 days". */
export function formatPaymentWindow(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}
