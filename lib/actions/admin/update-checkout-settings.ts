"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { updateCheckoutSettings } from "@/lib/admin/checkout-settings";
import { requireAdmin } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { currencyDigits } from "@/lib/validation/admin-money";
import { checkoutSettingsFields, checkoutSettingsSchema, formValues, type CheckoutSettingsField } from "@/lib/validation/admin-payments";
import { firstErrors, type FormResult } from "../result";

/** Saves the payment window of new orders and the caps on a guest's order. */
export async function updateCheckoutSettingsAsAdmin(_prev: FormResult<CheckoutSettingsField>, formData: FormData): Promise<FormResult<CheckoutSettingsField>> {
  const admin = await requireAdmin();
  const values = formValues(formData, checkoutSettingsFields);
  const { currency } = await getCompany();
  const parsed = checkoutSettingsSchema(currencyDigits(currency)).safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: firstErrors<CheckoutSettingsField>(z.flattenError(parsed.error).fieldErrors),
      values,
    };
  }
  const { changed } = await updateCheckoutSettings(await getDb(), admin.userId, parsed.data);
  revalidatePath("/admin/payments");
  return { ok: true, message: changed ? "Saved. A new payment window applies to orders made from now on." : "Nothing changed." };
}
