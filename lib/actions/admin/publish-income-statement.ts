"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { StatementRangeError } from "@/lib/compliance/income-statement";
import { publishIncomeStatement } from "@/lib/compliance/published";
import { confirmedField, idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({
  fromPeriodId: idField("Choose the first period."),
  toPeriodId: idField("Choose the last period."),
  confirm: confirmedField(),
});

/** Publishes the income disclosure statement over a range of closed periods: a frozen snapshot, public from then on. */
export async function publishIncomeStatementAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse({ fromPeriodId: formData.get("fromPeriodId"), toPeriodId: formData.get("toPeriodId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message };
  try {
    const { id } = await publishIncomeStatement(await getDb(), admin.userId, parsed.data.fromPeriodId, parsed.data.toPeriodId, now());
    revalidatePath("/admin/income-statement");
    revalidatePath("/income-disclosure");
    return { ok: true, message: `Statement #${id} is published at /income-disclosure/${id} and linked from the join pages.` };
  } catch (error) {
    if (error instanceof StatementRangeError) return { ok: false, message: error.message };
    throw error;
  }
}
