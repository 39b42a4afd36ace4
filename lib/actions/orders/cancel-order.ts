"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { orders } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { withinCoolingOff } from "@/lib/orders/cooling-off";
import { scheduleRecompute } from "@/lib/ledger/background";
import { OrderError } from "@/lib/orders/errors";
import { refundOrder } from "@/lib/orders/refund";
import { returnPayment } from "@/lib/payments/refund";
import { PaymentError } from "@/lib/payments/provider";
import { confirmedField, idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({ orderId: idField("Choose an order."), confirm: confirmedField() });

/**
 * Cancels one of the viewer's orders (their own, or a retail customer's at the
 * customer's request) within the cooling-off window: a full refund, and its
 * commissions disappear.
 */
export async function cancelOrder(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const viewer = await requireUser();
  const at = now();
  const parsed = schema.safeParse({ orderId: formData.get("orderId"), confirm: formData.get("confirm") });
  const unconfirmed = parsed.error?.issues.find((i) => i.path[0] === "confirm");
  if (!parsed.success || viewer.distributorId === null)
    return { ok: false, message: viewer.distributorId !== null && unconfirmed ? unconfirmed.message : "This order cannot be cancelled." };
  const db = await getDb();
  const [order] = await db
    .select({ id: orders.id, paidAt: orders.paidAt, status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, parsed.data.orderId), eq(orders.sellerId, viewer.distributorId)));
  if (!order) return { ok: false, message: "This order cannot be cancelled." };
  if (!order.paidAt || !withinCoolingOff(order.paidAt, at)) {
    return { ok: false, message: "The 3-day cooling-off window has passed: ask the company for a refund." };
  }
  try {
    // The payment goes back through its provider first; then the commissions disappear.
    const refundReference = await returnPayment(db, order.id, at);
    const result = await refundOrder(db, order.id, { status: "cancelled", reason: "Cancelled within the cooling-off window", at, refundReference });
    if (result.deferred) after(() => scheduleRecompute(db, result.periodId));
  } catch (error) {
    if (error instanceof OrderError || error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/dashboard", "layout");
  // The order's page says so (the form itself is gone from a cancelled order's page).
  redirect(`/dashboard/orders/${order.id}?cancelled=1`);
}
