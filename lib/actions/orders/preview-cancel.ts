"use server";

import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { getMyOrderCancelPreview } from "@/lib/data/orders";
import { cancelEffectText } from "@/lib/orders/cancel-effect";
import { parseId } from "@/lib/validation/input";
import type { ActionResult } from "../result";

export interface CancelEffectResult extends ActionResult {
  /** The cancel dialog's sentences (PV, rank, this period's estimate before and after). */
  effect?: string[];
}

/**
 * What cancelling one of the viewer's own orders would do, for the cancel
 * dialog when it opens: a full run of the open period in memory is too much
 * work for every view of an order's page. Reads only.
 */
export async function previewMyOrderCancel(orderId: unknown): Promise<CancelEffectResult> {
  await requireUser();
  const id = parseId(orderId);
  if (id === null) return { ok: false, message: "This order cannot be cancelled." };
  const preview = await getMyOrderCancelPreview(id);
  if (!preview) return { ok: false, message: "This order cannot be cancelled." };
  const company = await getCompany();
  return { ok: true, effect: cancelEffectText(preview, company.currency) };
}
