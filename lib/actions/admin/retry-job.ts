"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { AdminError } from "@/lib/admin/errors";
import { retryJob } from "@/lib/admin/jobs";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { retryJobSchema } from "@/lib/validation/admin-outbox";
import type { ActionResult } from "../result";

/** "Retry now" on a failed job: queued again, due at once, with a fresh series of attempts. */
export async function retryJobAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = retryJobSchema.safeParse({ jobId: formData.get("jobId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Choose a job from the list." };
  try {
    await retryJob(await getDb(), admin.userId, parsed.data.jobId, now());
    revalidatePath("/admin/jobs");
    revalidatePath("/admin/outbox");
    return { ok: true, message: `Job #${parsed.data.jobId} is queued again: the worker takes it within seconds.` };
  } catch (error) {
    if (error instanceof AdminError) return { ok: false, message: error.message };
    throw error;
  }
}
