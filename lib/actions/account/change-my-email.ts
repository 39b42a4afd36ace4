"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { requestEmailChange } from "@/lib/accounts/settings";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { changeEmailSchema, formFields } from "@/lib/validation/account";
import { firstErrors, type FormResult } from "../result";

type Field = "current" | "email";

/**
 * Asks to change the signed-in user's own email: a confirmation link goes to
 * the new address. The answer is the same whether or not another account has
 * that address (it then gets nothing).
 */
export async function changeMyEmail(_prev: FormResult, formData: FormData): Promise<FormResult<Field>> {
  const viewer = await requireUser();
  const fields = formFields(formData, ["current", "email"]);
  const values = { email: (fields.email ?? "").slice(0, 254) };
  const parsed = changeEmailSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, values, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  const result = await requestEmailChange(await getDb(), { userId: viewer.userId, current: parsed.data.current, newEmail: parsed.data.email, at: now() });
  if (!result.ok) {
    switch (result.reason) {
      case "wrong-password":
        return { ok: false, values, fieldErrors: { current: "That is not your current password." } };
      case "limited":
        return { ok: false, values, message: "Too many attempts. For your security, wait an hour, then try again." };
      case "same-email":
        return { ok: false, values, fieldErrors: { email: "That is already your email." } };
    }
  }
  return {
    ok: true,
    message: `We sent a link to ${parsed.data.email}. Open it within 24 hours to confirm; until then, you keep signing in with ${viewer.email}.`,
  };
}
