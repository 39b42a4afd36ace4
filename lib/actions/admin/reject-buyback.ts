"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { BuybackError } from "@/lib/buyback/errors";
import { rejectBuyback } from "@/lib/buyback/requests";
import { now } from "@/lib/clock";
import { buybackFormMessage, rejectBuybackSchema } from "@/lib/validation/buyback";
import type { ActionResult } from "../result";

/** Declines a pending buyback with a reason the distributor is told (admins only); its orders may be asked for again. */
export async function rejectBuybackAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = rejectBuybackSchema.safeParse({
    requestId: formData.get("requestId"),
    reason: formData.get("reason") ?? "",
    confirm: formData.get("confirm"),
  });
  if (!parsed.success) return { ok: false, message: buybackFormMessage(parsed.error, "This buyback request does not exist.") };
  try {
    await rejectBuyback(await getDb(), admin.userId, parsed.data.requestId, parsed.data.reason, now());
    revalidatePath("/admin/returns");
    return { ok: true, message: `Buyback #${parsed.data.requestId} declined.` };
  } catch (error) {
    if (error instanceof BuybackError) return { ok: false, message: error.message };
    throw error;
  }
}
