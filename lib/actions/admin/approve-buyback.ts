"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { BuybackError } from "@/lib/buyback/errors";
import { approveBuyback } from "@/lib/buyback/requests";
import { now } from "@/lib/clock";
import { getCompany } from "@/lib/data/company";
import { formatMoney } from "@/lib/format";
import { scheduleRecompute } from "@/lib/ledger/background";
import { PaymentError } from "@/lib/payments/provider";
import { approveBuybackSchema, buybackFormMessage } from "@/lib/validation/buyback";
import type { ActionResult } from "../result";

/** Approves a buyback (admins only): each order's refund goes back through its provider and its commissions are reversed with the reason "buyback". */
export async function approveBuybackAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = approveBuybackSchema.safeParse({ requestId: formData.get("requestId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: buybackFormMessage(parsed.error, "This buyback request does not exist.") };
  const db = await getDb();
  const { currency } = await getCompany();
  try {
    const result = await approveBuyback(db, admin.userId, parsed.data.requestId, now(), currency);
    for (const periodId of result.deferredPeriodIds) after(() => scheduleRecompute(db, periodId));
    revalidatePath("/admin/returns");
    return {
      ok: true,
      message: !result.approved
        ? `Buyback #${parsed.data.requestId} was already approved: nothing more was refunded.`
        : `Buyback #${parsed.data.requestId} approved: ${formatMoney(result.refundCents, currency)} refunded, and its orders' commissions reversed.` +
          (result.manualRefundCents > 0
            ? ` ${formatMoney(result.manualRefundCents, currency)} of it was paid before payments went through a provider: return it to the distributor yourself.`
            : ""),
    };
  } catch (error) {
    if (error instanceof BuybackError || error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
}
