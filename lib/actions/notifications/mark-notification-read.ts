"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { markNotificationRead as markRead } from "@/lib/notifications/inbox";
import { idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

const schema = z.object({ notificationId: idField("Choose a notification.") });

/** Marks one of the viewer's own notifications read; anyone else's is simply not found. */
export async function markNotificationRead(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const viewer = await requireUser();
  const parsed = schema.safeParse({ notificationId: formData.get("notificationId") });
  if (!parsed.success) return { ok: false, message: "This notification was not found." };
  if (!(await markRead(await getDb(), viewer.userId, parsed.data.notificationId, now()))) return { ok: false, message: "This notification was not found." };
  // The bell in every page's header counts it.
  revalidatePath("/", "layout");
  return { ok: true, message: "Marked as read." };
}
