"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { reactivateDistributor } from "@/lib/admin/distributors";
import { AdminError } from "@/lib/admin/errors";
import { requireAdmin } from "@/lib/auth/session";
import { distributorStatusSchema } from "@/lib/validation/admin-distributors";
import type { ActionResult } from "../result";

/** Reactivates a terminated distributor. Every open period is recomputed. */
export async function reactivateDistributorAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = distributorStatusSchema.safeParse({ distributorId: formData.get("distributorId"), confirm: formData.get("confirm") });
  if (!parsed.success) {
    const unconfirmed = parsed.error.issues.find((i) => i.path[0] === "confirm");
    return { ok: false, message: unconfirmed?.message ?? "This distributor does not exist." };
  }
  try {
    const { recomputed } = await reactivateDistributor(await getDb(), admin.userId, parsed.data.distributorId);
    revalidatePath("/admin/distributors");
    return {
      ok: true,
      message: `Distributor #${parsed.data.distributorId} reactivated; ${recomputed ? "commissions are recomputed." : "commissions are being recomputed in the background."}`,
    };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
