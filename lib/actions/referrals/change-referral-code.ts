"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { ALIAS_GRACE_DAYS, CODE_CHANGE_WINDOW_DAYS, CODE_CHANGES_PER_WINDOW } from "@/lib/referrals/code-policy";
import { changeReferralCode as changeCode } from "@/lib/referrals/codes";
import { codeChangeLimitMessage } from "@/lib/referrals/display";
import { referralCodeFormatMessage, referralCodeSchema } from "@/lib/validation/referrals";
import { firstErrors } from "../result";
import type { ChangeCodeState } from "./types";

/**
 * Changes the viewer's own referral code, within the rolling limit and the
 * reserved words; the old one keeps redirecting to the new for the grace period.
 */
export async function changeReferralCode(_prev: ChangeCodeState, formData: FormData): Promise<ChangeCodeState> {
  const viewer = await requireUser();
  const raw = formData.get("code");
  const value = typeof raw === "string" ? raw.slice(0, 64) : "";
  if (viewer.distributorId === null) return { ok: false, message: "Only distributors have a referral link.", value };

  const parsed = referralCodeSchema.safeParse({ code: raw });
  if (!parsed.success) return { ok: false, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors), value };

  const result = await changeCode(await getDb(), viewer.distributorId, parsed.data.code, now());
  if (!result.ok) {
    switch (result.reason) {
      case "taken":
        return { ok: false, fieldErrors: { code: "That code is taken. Try another." }, value };
      case "reserved":
        return { ok: false, fieldErrors: { code: `That code contains “${result.word}”, which is reserved. Try another.` }, value };
      case "limit":
        return { ok: false, message: codeChangeLimitMessage(CODE_CHANGES_PER_WINDOW, CODE_CHANGE_WINDOW_DAYS, result.nextChangeAt, viewer.timeZone), value };
      case "invalid":
        return { ok: false, fieldErrors: { code: referralCodeFormatMessage }, value };
      case "not-found":
        return { ok: false, message: "Your account cannot change its link right now.", value };
    }
  }
  revalidatePath("/dashboard");
  return {
    ok: true,
    message: result.changed
      ? `Your link now ends in /join/${result.code}. Links with your old code keep working for ${ALIAS_GRACE_DAYS} days.`
      : "That is already your code.",
    value: result.code,
  };
}
