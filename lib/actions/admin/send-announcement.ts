"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { sendAnnouncement } from "@/lib/admin/announcements";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { formatNumber } from "@/lib/format";
import { formValues } from "@/lib/validation/admin-payments";
import { announcementFields, announcementSchema } from "@/lib/validation/admin-announcements";
import type { ActionResult } from "../result";

const confirmSchema = z.literal("on", { error: "Tick the box to confirm: an announcement cannot be recalled once sent." });

/** Sends a previewed announcement to every active distributor (in the background, in chunks). */
export async function sendAnnouncementAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = announcementSchema.safeParse(formValues(formData, announcementFields));
  if (!parsed.success) return { ok: false, message: "Preview the announcement again: its text is not valid." };
  const confirmed = confirmSchema.safeParse(formData.get("confirm"));
  if (!confirmed.success) return { ok: false, message: confirmed.error.issues[0]?.message };
  let audience: number;
  try {
    ({ audience } = await sendAnnouncement(await getDb(), admin.userId, parsed.data, now()));
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/admin/announcements");
  return {
    ok: true,
    message: `Sent: “${parsed.data.subject}” is on its way to ${formatNumber(audience)} distributor${audience === 1 ? "" : "s"}, in their notifications and by email as each one chose.`,
  };
}
