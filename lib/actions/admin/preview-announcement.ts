"use server";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/db/client";
import { countAnnouncementAudience } from "@/lib/admin/announcements";
import { requireAdmin } from "@/lib/auth/session";
import { formValues } from "@/lib/validation/admin-payments";
import { announcementFields, announcementSchema, type AnnouncementField } from "@/lib/validation/admin-announcements";
import { firstErrors, type FormResult } from "../result";

export interface AnnouncementPreviewResult extends FormResult<AnnouncementField> {
  /** The announcement as it will read, and how many distributors it would reach now. */
  preview?: { id: string; subject: string; paragraphs: string[]; audience: number };
}

/** Checks a draft and returns it as it will read (nothing is stored or sent). */
export async function previewAnnouncementAsAdmin(_prev: AnnouncementPreviewResult, formData: FormData): Promise<AnnouncementPreviewResult> {
  await requireAdmin();
  const values = formValues(formData, announcementFields);
  const parsed = announcementSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: firstErrors<AnnouncementField>(z.flattenError(parsed.error).fieldErrors),
      values,
    };
  }
  const audience = await countAnnouncementAudience(await getDb());
  return { ok: true, values, preview: { id: randomUUID(), ...parsed.data, audience } };
}
