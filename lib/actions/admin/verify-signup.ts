"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { verifySignupByAdmin } from "@/lib/accounts/verify";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { verifySignupSchema } from "@/lib/validation/accounts";
import type { ActionResult } from "../result";

/** Verifies a signup's email by hand: the member takes their place under the sponsor they signed up with, and the sponsor is told. */
export async function verifySignupAsAdmin(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const admin = await requireAdmin();
  const parsed = verifySignupSchema.safeParse({ userId: formData.get("userId"), confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Choose a signup from the list." };
  const verified = await verifySignupByAdmin(await getDb(), { userId: parsed.data.userId, actorUserId: admin.userId, at: now() });
  if (!verified) return { ok: false, message: "This signup is no longer waiting: it was verified or has expired." };
  revalidatePath("/admin/signups");
  return { ok: true, message: `Verified: distributor #${verified.distributorId} is now in ${verified.sponsorName}’s team.` };
}
