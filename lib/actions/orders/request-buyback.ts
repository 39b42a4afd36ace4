"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { BuybackError } from "@/lib/buyback/errors";
import { requestBuyback } from "@/lib/buyback/requests";
import { now } from "@/lib/clock";
import { buybackFormMessage, memberBuybackSchema } from "@/lib/validation/buyback";
import type { ActionResult } from "../result";

/** A terminated distributor asks to return whole orders of their own (requestBuyback re-checks each one is theirs and eligible). */
export async function requestMyBuyback(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const viewer = await requireUser();
  const parsed = memberBuybackSchema.safeParse({ orderIds: formData.getAll("orderId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: buybackFormMessage(parsed.error, "This return cannot be asked for.") };
  if (viewer.distributorId === null) return { ok: false, message: "Only a distributor can return orders." };
  try {
    const { requestId } = await requestBuyback(await getDb(), {
      distributorId: viewer.distributorId,
      orderIds: parsed.data.orderIds,
      requestedByUserId: viewer.userId,
      at: now(),
      byAdmin: false,
    });
    revalidatePath("/dashboard/orders/returns");
    return { ok: true, message: `Your return request #${requestId} is sent: the company reviews it and tells you.` };
  } catch (error) {
    if (error instanceof BuybackError) return { ok: false, message: error.message };
    throw error;
  }
}
