"use server";

import { getDb } from "@/db/client";
import { resendVerificationLink } from "@/lib/accounts/verify";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import type { ActionResult } from "../result";

/** "Resend the link" on the unverified member's banner: a new link to their own address (the older one stops working). */
export async function resendVerification(): Promise<ActionResult> {
  const viewer = await requireUser();
  const outcome = await resendVerificationLink(await getDb(), viewer.userId, now());
  if (outcome.ok) return { ok: true, message: `We sent a new link to ${viewer.email}. The older one no longer works.` };
  return outcome.reason === "rate-limited"
    ? { ok: false, message: "A link was sent very recently. Wait a minute (at most 5 links a day), then try again." }
    : { ok: false, message: "Your email is already confirmed." };
}
