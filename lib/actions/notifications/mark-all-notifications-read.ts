"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { markAllNotificationsRead as markAllRead } from "@/lib/notifications/inbox";
import { idField } from "@/lib/validation/input";
import type { ActionResult } from "../result";

// `upTo`: the newest notification the page showed; what arrived since stays unread.
const schema = z.object({ upTo: idField("Reload the page and try again.") });

/** Marks all of the viewer's own unread notifications read (up to the newest they saw). */
export async function markAllNotificationsRead(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const viewer = await requireUser();
  const parsed = schema.safeParse({ upTo: formData.get("upTo") });
  if (!parsed.success) return { ok: false, message: "Reload the page and try again." };
  const marked = await markAllRead(await getDb(), viewer.userId, parsed.data.upTo, now());
  if (marked === 0) return { ok: true, message: "Nothing was unread." };
  revalidatePath("/", "layout");
  return { ok: true, message: marked === 1 ? "1 notification marked as read." : `${marked} notifications marked as read.` };
}
