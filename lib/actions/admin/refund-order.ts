"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { refundOrderAudited } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { scheduleRecompute } from "@/lib/ledger/background";
import { OrderError } from "@/lib/orders/errors";
import { PaymentError } from "@/lib/payments/provider";
import { confirmedField, idField, textField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({
  orderId: idField("Choose an order."),
  reason: textField().max(200, { error: "Use at most 200 characters." }).optional(),
  // The dialog states the refund's effect and its button posts this: a forged post without it changes nothing.
  confirm: confirmedField(),
});

/** Refunds any paid order (admins only) through its payment provider: open-period commissions disappear, closed-period ones are clawed back. */
export async function refundOrderAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ orderId: formData.get("orderId"), reason: formData.get("reason") ?? undefined, confirm: formData.get("confirm") });
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.path[0] === "reason" || i.path[0] === "confirm");
    return { ok: false, message: issue?.message ?? "This order cannot be refunded." };
  }
  const db = await getDb();
  try {
    // Audited in the refund's own transaction.
    const result = await refundOrderAudited(db, admin.userId, parsed.data.orderId, parsed.data.reason || `Refunded by ${admin.name}`, now());
    if (result.deferred) after(() => scheduleRecompute(db, result.periodId));
    revalidatePath("/admin/orders");
    return {
      ok: true,
      message:
        result.effect === "removed"
          ? `Order #${parsed.data.orderId} refunded: its commissions are removed.`
          : `Order #${parsed.data.orderId} refunded: its period is closed, so clawbacks were posted to the open period.`,
    };
  } catch (error) {
    if (error instanceof OrderError || error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
}
