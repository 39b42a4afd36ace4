"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { formatPeriod } from "@/lib/format";
import { closePeriod } from "@/lib/ledger/close";
import { getPeriod } from "@/lib/ledger/periods";
import type { ActionResult } from "../result";

const schema = z.object({ periodId: z.coerce.number().int().positive(), confirm: z.literal("on", { error: "Tick the box to confirm: a closed period cannot be reopened." }) });

/** Closes an open period after a final full run; its ledger is frozen from then on. */
export async function closePeriodAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  await requireAdmin();
  const parsed = schema.safeParse({ periodId: formData.get("periodId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message };
  const db = await getDb();
  const period = await getPeriod(db, parsed.data.periodId).catch(() => null);
  if (!period) return { ok: false, message: "This period does not exist." };
  if (period.status === "closed") return { ok: false, message: "This period is already closed." };
  const { lines } = await closePeriod(db, period.id);
  revalidatePath("/admin/periods");
  return { ok: true, message: `${formatPeriod(period.startsOn)} is closed with ${lines} commission lines.` };
}
