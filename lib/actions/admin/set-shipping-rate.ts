"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setShippingRate } from "@/lib/admin/checkout-settings";
import { requireAdmin } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { formatMoney } from "@/lib/format";
import { currencyDigits } from "@/lib/validation/admin-money";
import { countryName, formValues, shippingRateFields, shippingRateSchema, type ShippingRateField } from "@/lib/validation/admin-payments";
import { firstErrors, type FormResult } from "../result";

/** Adds a country to checkout at a flat shipping rate, or changes its rate (0: free shipping). */
export async function setShippingRateAsAdmin(_prev: FormResult<ShippingRateField>, formData: FormData): Promise<FormResult<ShippingRateField>> {
  const admin = await requireAdmin();
  const values = formValues(formData, shippingRateFields);
  const { currency } = await getCompany();
  const parsed = shippingRateSchema(currencyDigits(currency)).safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: firstErrors<ShippingRateField>(z.flattenError(parsed.error).fieldErrors),
      values,
    };
  }
  const { country, rate } = parsed.data;
  const { created, changed } = await setShippingRate(await getDb(), admin.userId, country, rate);
  revalidatePath("/admin/payments");
  const price = rate === 0 ? "free shipping" : `${formatMoney(rate, currency)} shipping`;
  if (!changed) return { ok: true, message: `Nothing changed: ${countryName(country)} already has ${price}.` };
  return { ok: true, message: created ? `Checkout now offers ${countryName(country)}, with ${price}.` : `${countryName(country)} now has ${price}.` };
}
