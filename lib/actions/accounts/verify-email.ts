"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { verifyEmailWithToken } from "@/lib/accounts/verify";
import { getViewer } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { verifyEmailSchema } from "@/lib/validation/accounts";
import type { ActionResult } from "../result";

const invalidLinkMessage = "This link does not work any more: it was already used, has expired, or was replaced by a newer one.";

/**
 * Confirms an email from its link (a POST: the page's GET never uses the
 * token up, so a mail scanner opening the link changes nothing). The token is
 * the only key: whoever holds the link verifies that account, signed in or not.
 */
export async function verifyEmail(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = verifyEmailSchema.safeParse({ token: formData.get("token") });
  if (!parsed.success) return { ok: false, message: invalidLinkMessage };
  const outcome = await verifyEmailWithToken(await getDb(), parsed.data.token, now());
  if (!outcome.ok) return { ok: false, message: invalidLinkMessage };
  redirect((await getViewer()) ? "/dashboard?welcome=1" : "/sign-in?verified=1&callbackUrl=%2Fdashboard%3Fwelcome%3D1");
}
