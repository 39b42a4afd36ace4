"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { removeShippingRate } from "@/lib/admin/checkout-settings";
import { AdminError } from "@/lib/admin/errors";
import { requireAdmin } from "@/lib/auth/session";
import { countryName, removeShippingRateSchema } from "@/lib/validation/admin-payments";
import type { ActionResult } from "../result";

/** Stops shipping to a country: checkout no longer offers it (orders already made keep theirs). */
export async function removeShippingRateAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = removeShippingRateSchema.safeParse({ country: formData.get("country"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Choose a country from the list." };
  try {
    await removeShippingRate(await getDb(), admin.userId, parsed.data.country);
    revalidatePath("/admin/payments");
    return { ok: true, message: `Checkout no longer offers ${countryName(parsed.data.country)}.` };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
