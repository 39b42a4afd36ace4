"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { savePreferences } from "@/lib/notifications/preferences";
import { parsePreferenceForm, preferencesInvalidMessage } from "@/lib/validation/notifications";
import type { ActionResult } from "../result";

/** Saves the viewer's own notification settings (every kind and channel the form sends; essential email is not theirs to change). */
export async function saveNotificationPreferences(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const viewer = await requireUser();
  const choices = parsePreferenceForm(formData);
  if (!choices) return { ok: false, message: preferencesInvalidMessage };
  await savePreferences(await getDb(), viewer.userId, choices, now());
  revalidatePath("/dashboard/notifications/settings");
  return { ok: true, message: "Your notification settings are saved." };
}
