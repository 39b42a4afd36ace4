"use server";

import { getDb } from "@/db/client";
import { formatRunDate } from "@/lib/autoship/cycle";
import { AutoshipError, skipNextRun } from "@/lib/autoship/manage";
import { verifySkipToken } from "@/lib/autoship/skip-token";
import { now } from "@/lib/clock";
import { authSecret } from "@/lib/env";
import type { FormResult } from "../result";

/**
 * Skips the run a reminder's link names. The signed token is the only key (no
 * sign-in): it reaches that one run of that one subscription, nothing else.
 * The page is not revalidated: the form's answer (announced to screen readers)
 * stays in place; the portal's autoship page is rendered fresh on each visit.
 */
export async function skipAutoshipByLink(token: string): Promise<FormResult> {
  const named = typeof token === "string" && token.length <= 80 ? verifySkipToken(authSecret(), token) : null;
  if (!named) return { ok: false, message: "This link is not valid. Open Autoship in the portal to skip a run." };
  try {
    const done = await skipNextRun(await getDb(), { subscriptionId: named.subscriptionId, cycle: named.cycle, at: now() });
    return {
      ok: true,
      message: `Skipped: nothing is ordered or charged on ${formatRunDate(done.skipped)}. Your next autoship is on ${formatRunDate(done.nextRunOn)}.`,
    };
  } catch (error) {
    if (error instanceof AutoshipError) return { ok: false, message: error.message };
    throw error;
  }
}
