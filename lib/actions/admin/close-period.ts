"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { closePeriodAudited } from "@/lib/admin/periods";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { settleTeamRollups } from "@/lib/ledger/rollups";
import { formatPeriod } from "@/lib/format";
import { confirmedField, idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({
  periodId: idField("Choose a period."),
  confirm: confirmedField(),
});

/** Closes an open period after a final full run; its ledger is frozen from then on, and its payouts are ready. */
export async function closePeriodAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ periodId: formData.get("periodId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message };
  try {
    const db = await getDb();
    const { lines, startsOn } = await closePeriodAudited(db, admin.userId, parsed.data.periodId, now());
    // The final full run may have moved volumes: the team pages read the rollups as the writes leave them.
    await settleTeamRollups(db);
    revalidatePath("/admin/periods");
    return { ok: true, message: `${formatPeriod(startsOn)} is closed with ${lines} commission lines. Its payouts are ready.` };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
