"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { removeReservedWord } from "@/lib/admin/reserved-words";
import { requireAdmin } from "@/lib/auth/session";
import { removeReservedWordSchema } from "@/lib/validation/admin-referrals";
import type { ActionResult } from "../result";

/** Frees a word the admins reserved: new referral codes may use it again. */
export async function removeReservedWordAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = removeReservedWordSchema.safeParse({ word: formData.get("word"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Choose a word from the list." };
  try {
    await removeReservedWord(await getDb(), admin.userId, parsed.data.word);
    revalidatePath("/admin/referrals");
    return { ok: true, message: `“${parsed.data.word}” is no longer reserved.` };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
