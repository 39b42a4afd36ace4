"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { deleteProduct } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/auth/session";
import { confirmedField, idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({
  productId: idField("Choose a product."),
  confirm: confirmedField(),
});

/** Deletes a product no order ever used; one with orders can only be archived. */
export async function deleteProductAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ productId: formData.get("productId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "This product does not exist." };
  try {
    await deleteProduct(await getDb(), admin.userId, parsed.data.productId);
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/admin/products");
  revalidatePath("/shop");
  redirect("/admin/products?deleted=1");
}
