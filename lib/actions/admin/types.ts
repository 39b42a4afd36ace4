import type { PlanPreview } from "@/lib/admin/plan";
import type { ActionResult } from "../result";

/** The plan editor's preview: field errors, or what the open period would pay. */
export interface PlanPreviewState extends ActionResult {
  preview?: PlanPreview;
}
