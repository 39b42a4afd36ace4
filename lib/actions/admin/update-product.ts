"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { updateProduct } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { currencyDigits } from "@/lib/validation/admin-money";
import { productFormValues, productSchema, type ProductField } from "@/lib/validation/admin-products";
import { idField } from "@/lib/validation/input";
import { firstErrors, type FormResult } from "../result";

const idSchema = idField("Choose a product.");

/** Saves a product. Existing orders keep the price and volumes they were placed with. */
export async function updateProductAsAdmin(_prev: FormResult<ProductField>, formData: FormData): Promise<FormResult<ProductField>> {
  const admin = await requireAdmin();
  const id = idSchema.safeParse(formData.get("productId"));
  if (!id.success) return { ok: false, message: "This product does not exist." };
  const values = productFormValues(formData);
  const { currency } = await getCompany();
  const parsed = productSchema(currencyDigits(currency)).safeParse(values);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: firstErrors<ProductField>(z.flattenError(parsed.error).fieldErrors), values };
  }
  try {
    const { changed } = await updateProduct(await getDb(), admin.userId, id.data, parsed.data);
    revalidatePath("/admin/products");
    revalidatePath("/shop");
    return { ok: true, message: changed ? "Saved. Existing orders keep the price and volumes they were placed with." : "Nothing changed." };
  } catch (error) {
    if (error instanceof AdminError) {
      return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field as ProductField]: error.message } : undefined, values };
    }
    throw error;
  }
}
