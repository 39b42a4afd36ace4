"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { publishPlan } from "@/lib/admin/plan";
import { requireAdmin } from "@/lib/auth/session";
import { formatNumber } from "@/lib/format";
import { planFieldErrors, planFormValues, planSchema } from "@/lib/validation/admin-plan";
import type { ActionResult } from "../result";

/** Publishes the draft as a new plan version for the open periods (recomputed) and later ones. */
export async function publishPlanAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  if (formData.get("confirm") !== "on") {
    return {
      ok: false,
      message: "Confirm in the dialog first: nothing was changed.",
    };
  }
  const parsed = planSchema.safeParse(planFormValues(formData));
  if (!parsed.success) return { ok: false, message: "Fix the highlighted fields to publish.", fieldErrors: planFieldErrors(parsed.error.issues) };
  try {
    const result = await publishPlan(await getDb(), admin.userId, parsed.data);
    revalidatePath("/admin/plan");
    revalidatePath("/admin/periods");
    const periods = result.periodIds.length;
    return {
      ok: true,
      message:
        `Version ${formatNumber(result.version)} is published` +
        (periods === 0
          ? "; it applies from the next period."
          : result.recomputed
            ? ` and ${periods === 1 ? "the open period is" : `${periods} open periods are`} recomputed.`
            : "; the open period is being recomputed in the background."),
    };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
