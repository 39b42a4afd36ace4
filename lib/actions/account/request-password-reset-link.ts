"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { now } from "@/lib/clock";
import { requestClientAddress } from "@/lib/http/request";
import { forgotPasswordSchema } from "@/lib/validation/account";
import { firstErrors, type FormResult } from "../result";

const resetLinkSentMessage = "If an account uses that address, we have sent a link to it. It works once, for an hour.";

/**
 * "Forgot your password?": the same answer whether or not an account has the
 * address, and whether or not that address has asked too often; only a client
 * over its own limit is told to wait.
 */
export async function requestPasswordResetLink(_prev: FormResult, formData: FormData): Promise<FormResult<"email">> {
  const raw = formData.get("email");
  const values = { email: typeof raw === "string" ? raw.slice(0, 254) : "" };
  const parsed = forgotPasswordSchema.safeParse({ email: raw });
  if (!parsed.success) return { ok: false, values, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  const result = await requestPasswordReset(await getDb(), {
    email: parsed.data.email,
    clientAddress: requestClientAddress(await headers()),
    at: now(),
  });
  if (result.outcome === "client-limited") {
    return { ok: false, values, message: "Too many reset requests from your network just now. Wait an hour, then try again." };
  }
  return { ok: true, values, message: resetLinkSentMessage };
}
