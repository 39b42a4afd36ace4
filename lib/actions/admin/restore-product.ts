"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { setProductArchived } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/auth/session";
import { idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({ productId: idField("Choose a product.") });

/** Puts an archived product back in the shop. */
export async function restoreProductAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ productId: formData.get("productId") });
  if (!parsed.success) return { ok: false, message: "This product does not exist." };
  try {
    await setProductArchived(await getDb(), admin.userId, parsed.data.productId, false);
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/admin/products");
  revalidatePath("/shop");
  return { ok: true, message: "Restored: it is back in the shop." };
}
