"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { markPayoutBatchPaid } from "@/lib/admin/payouts";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { formatMoney, formatNumber } from "@/lib/format";
import { getCompany } from "@/lib/data/company";
import { confirmedField, idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({
  periodId: idField("Choose a period."),
  confirm: confirmedField(),
});

/** Records that a closed period's payouts went out (one batch, once). */
export async function markPayoutsPaidAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ periodId: formData.get("periodId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "This period does not exist." };
  try {
    const batch = await markPayoutBatchPaid(await getDb(), admin.userId, parsed.data.periodId, now());
    const { currency } = await getCompany();
    revalidatePath("/admin/periods");
    revalidatePath(`/admin/periods/${parsed.data.periodId}/payouts`);
    return { ok: true, message: `Marked paid: ${formatMoney(batch.payableCents, currency)} to ${formatNumber(batch.distributors)} distributor(s).` };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
