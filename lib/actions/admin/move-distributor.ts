"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { moveDistributor } from "@/lib/admin/distributors";
import { AdminError } from "@/lib/admin/errors";
import { requireAdmin } from "@/lib/auth/session";
import { moveDistributorSchema } from "@/lib/validation/admin-distributors";
import type { FormResult } from "../result";

type Field = "sponsor";

/** Moves a distributor and their whole team under another sponsor; every open period is recomputed. */
export async function moveDistributorAsAdmin(_prev: FormResult<Field>, formData: FormData): Promise<FormResult<Field>> {
  const admin = await requireAdmin();
  const raw = { distributorId: formData.get("distributorId"), sponsor: formData.get("sponsor") ?? undefined, confirm: formData.get("confirm") };
  const values = { sponsor: typeof raw.sponsor === "string" ? raw.sponsor : "" };
  const parsed = moveDistributorSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return {
      ok: false,
      message: errors.distributorId?.[0] ?? errors.sponsor?.[0] ?? errors.confirm?.[0],
      fieldErrors: { sponsor: errors.sponsor?.[0] },
      values,
    };
  }
  try {
    const { recomputed } = await moveDistributor(await getDb(), admin.userId, parsed.data.distributorId, parsed.data.sponsor);
    revalidatePath("/admin/distributors");
    return {
      ok: true,
      message: `Moved with their whole team; ${recomputed ? "commissions are recomputed." : "commissions are being recomputed in the background."}`,
    };
  } catch (error) {
    if (error instanceof AdminError)
      return { ok: false, message: error.message, fieldErrors: error.field === "sponsor" ? { sponsor: error.message } : undefined, values };
    throw error;
  }
}
