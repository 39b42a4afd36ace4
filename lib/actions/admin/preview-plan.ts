"use server";

import { getDb } from "@/db/client";
import { previewPlan } from "@/lib/admin/plan";
import { requireAdmin } from "@/lib/auth/session";
import { planFieldErrors, planFormValues, planSchema } from "@/lib/validation/admin-plan";
import type { PlanPreviewState } from "./types";

/** What the open period would pay under the draft, computed in memory: nothing is written. */
export async function previewPlanAsAdmin(_prev: PlanPreviewState, formData: FormData): Promise<PlanPreviewState> {
  await requireAdmin();
  const parsed = planSchema.safeParse(planFormValues(formData));
  if (!parsed.success) return { ok: false, message: "Fix the highlighted fields to preview the draft.", fieldErrors: planFieldErrors(parsed.error.issues) };
  const preview = await previewPlan(await getDb(), parsed.data);
  return { ok: true, preview };
}
