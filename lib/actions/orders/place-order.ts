"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { scheduleRecompute } from "@/lib/ledger/background";
import { settleTeamRollups } from "@/lib/ledger/rollups";
import { OrderError } from "@/lib/orders/errors";
import { placeOrder } from "@/lib/orders/place";
import { placeOrderSchema } from "@/lib/validation/orders";
import type { ActionResult } from "../result";

/** Confirms the reviewed cart as the signed-in distributor's personal order. */
export async function placePersonalOrder(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return { ok: false, message: "Only distributors can place personal orders." };
  const parsed = placeOrderSchema.safeParse({ items: formData.getAll("items"), idempotencyKey: formData.get("idempotencyKey") });
  if (!parsed.success) return { ok: false, message: z.flattenError(parsed.error).fieldErrors.items?.[0] ?? parsed.error.issues[0]?.message };
  const db = await getDb();
  let orderId: number;
  try {
    const placed = await placeOrder(db, {
      sellerId: viewer.distributorId,
      kind: "personal",
      items: parsed.data.items.map(([productId, quantity]) => ({ productId, quantity })),
      idempotencyKey: parsed.data.idempotencyKey,
      at: now(),
    });
    orderId = placed.orderId;
    if (placed.deferred) after(() => scheduleRecompute(db, placed.periodId));
  } catch (error) {
    if (error instanceof OrderError) return { ok: false, message: error.message };
    throw error;
  }
  // The team pages only read the rollups: this order is folded in before the buyer's next page.
  await settleTeamRollups(db);
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard/orders/${orderId}?placed=1`);
}
