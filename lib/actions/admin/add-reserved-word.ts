"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { addReservedWord } from "@/lib/admin/reserved-words";
import { requireAdmin } from "@/lib/auth/session";
import { formValues } from "@/lib/validation/admin-payments";
import { reservedWordFields, reservedWordSchema, type ReservedWordField } from "@/lib/validation/admin-referrals";
import { firstErrors, type FormResult } from "../result";

/** Reserves a word (or a brand word) for every new referral code; codes that already use it stay. */
export async function addReservedWordAsAdmin(_prev: FormResult<ReservedWordField>, formData: FormData): Promise<FormResult<ReservedWordField>> {
  const admin = await requireAdmin();
  const values = formValues(formData, reservedWordFields);
  const parsed = reservedWordSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: firstErrors<ReservedWordField>(z.flattenError(parsed.error).fieldErrors),
      values,
    };
  }
  const { word, kind } = parsed.data;
  try {
    const { grandfathered } = await addReservedWord(await getDb(), admin.userId, word, kind);
    revalidatePath("/admin/referrals");
    const rule = kind === "brand" ? `New codes cannot contain “${word}” anywhere.` : `New codes cannot use “${word}” as a code or a part of one.`;
    const kept =
      grandfathered === 0
        ? ""
        : ` ${grandfathered} current code${grandfathered === 1 ? " already uses" : "s already use"} it and ${grandfathered === 1 ? "keeps" : "keep"} working.`;
    return { ok: true, message: `${rule}${kept}` };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { word: error.message }, values };
    throw error;
  }
}
