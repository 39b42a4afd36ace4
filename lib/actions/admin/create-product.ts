"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { createProduct } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { currencyDigits } from "@/lib/validation/admin-money";
import { productFormValues, productSchema, type ProductField } from "@/lib/validation/admin-products";
import { firstErrors, type FormResult } from "../result";

/** Adds a product to the catalog, then opens it for editing. */
export async function createProductAsAdmin(_prev: FormResult<ProductField>, formData: FormData): Promise<FormResult<ProductField>> {
  const admin = await requireAdmin();
  const values = productFormValues(formData);
  const { currency } = await getCompany();
  const parsed = productSchema(currencyDigits(currency)).safeParse(values);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: firstErrors<ProductField>(z.flattenError(parsed.error).fieldErrors), values };
  }
  let id: number;
  try {
    ({ id } = await createProduct(await getDb(), admin.userId, parsed.data));
  } catch (error) {
    if (error instanceof AdminError) {
      return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field as ProductField]: error.message } : undefined, values };
    }
    throw error;
  }
  revalidatePath("/admin/products");
  revalidatePath("/shop");
  redirect(`/admin/products/${id}?created=1`);
}
