"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { BuybackError } from "@/lib/buyback/errors";
import { requestBuyback } from "@/lib/buyback/requests";
import { now } from "@/lib/clock";
import { adminBuybackSchema, buybackFormMessage } from "@/lib/validation/buyback";
import type { ActionResult } from "../result";

/** Asks, on a terminated distributor's behalf, to buy back whole orders of theirs (admins only); it waits in /admin/returns for approval. */
export async function requestBuybackAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = adminBuybackSchema.safeParse({
    distributorId: formData.get("distributorId"),
    orderIds: formData.getAll("orderId"),
    confirm: formData.get("confirm"),
  });
  if (!parsed.success) return { ok: false, message: buybackFormMessage(parsed.error, "This buyback cannot be asked for.") };
  try {
    const { requestId } = await requestBuyback(await getDb(), {
      distributorId: parsed.data.distributorId,
      orderIds: parsed.data.orderIds,
      requestedByUserId: admin.userId,
      at: now(),
      byAdmin: true,
    });
    revalidatePath("/admin/returns");
    revalidatePath(`/admin/distributors/${parsed.data.distributorId}`);
    return { ok: true, message: `Buyback request #${requestId} recorded: approve it in Returns.` };
  } catch (error) {
    if (error instanceof BuybackError) return { ok: false, message: error.message };
    throw error;
  }
}
