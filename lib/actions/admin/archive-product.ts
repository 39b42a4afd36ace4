"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { setProductArchived } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/auth/session";
import { confirmedField, idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({ productId: idField("Choose a product."), confirm: confirmedField() });

/** Hides a product from the shop; its orders keep pointing at it. */
export async function archiveProductAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ productId: formData.get("productId"), confirm: formData.get("confirm") });
  if (!parsed.success) {
    const unconfirmed = parsed.error.issues.find((i) => i.path[0] === "confirm");
    return { ok: false, message: unconfirmed?.message ?? "This product does not exist." };
  }
  try {
    await setProductArchived(await getDb(), admin.userId, parsed.data.productId, true);
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/admin/products");
  revalidatePath("/shop");
  return { ok: true, message: "Archived: it is hidden from the shop, and its orders keep their history." };
}
