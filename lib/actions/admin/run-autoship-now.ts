"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { runSubscriptionNow } from "@/lib/admin/autoship";
import { AdminError } from "@/lib/admin/errors";
import { requireAdmin } from "@/lib/auth/session";
import { formatRunDate } from "@/lib/autoship/cycle";
import { now } from "@/lib/clock";
import { runAutoshipNowSchema } from "@/lib/validation/admin-autoship";
import type { ActionResult } from "../result";

/** "Run now" on an active autoship: its next order is queued at once (through the scheduler's own job), then it moves to the month after. */
export async function runAutoshipNowAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = runAutoshipNowSchema.safeParse({ subscriptionId: formData.get("subscriptionId"), cycle: formData.get("cycle") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Choose an autoship from the list." };
  try {
    const ran = await runSubscriptionNow(await getDb(), admin.userId, parsed.data, now());
    revalidatePath("/admin/autoship");
    return {
      ok: true,
      message: `${ran.memberName}'s ${formatRunDate(ran.cycle)} order is queued: the worker charges it within seconds. The next order will be on ${formatRunDate(ran.nextRunOn)}.`,
    };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
