"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { sendTestEmail } from "@/lib/admin/outbox";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { sendTestEmailSchema } from "@/lib/validation/admin-outbox";
import type { ActionResult } from "../result";

/** Queues a test message to the signed-in admin's own address (never another: no address is taken from the form). */
export async function sendTestEmailAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = sendTestEmailSchema.safeParse({ confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Tick the box to confirm." };
  const id = await sendTestEmail(await getDb(), admin, now());
  revalidatePath("/admin/outbox");
  return { ok: true, message: `Test message #${id} is queued for ${admin.email}: it appears below as sent within seconds.` };
}
