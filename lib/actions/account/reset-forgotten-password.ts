"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { resetPasswordWithToken } from "@/lib/accounts/password-reset";
import { ACCOUNT_TOKEN_PATTERN } from "@/lib/accounts/tokens";
import { now } from "@/lib/clock";
import { formFields, resetPasswordSchema } from "@/lib/validation/account";
import { firstErrors, type FormResult } from "../result";

const expiredLinkMessage = "This link has expired or was already used. Ask for a new one.";

/**
 * Sets a new password from a reset link. `token` is bound on the server from
 * the page's URL; it is the only key (the person is signed out). Success ends
 * every session of the account and sends the person to sign in.
 */
export async function resetForgottenPassword(token: string, _prev: FormResult, formData: FormData): Promise<FormResult<"password" | "confirm">> {
  if (typeof token !== "string" || !ACCOUNT_TOKEN_PATTERN.test(token)) return { ok: false, message: expiredLinkMessage };
  const parsed = resetPasswordSchema.safeParse(formFields(formData, ["password", "confirm"]));
  if (!parsed.success) return { ok: false, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  const result = await resetPasswordWithToken(await getDb(), { token, password: parsed.data.password, at: now() });
  if (!result.ok) return { ok: false, message: expiredLinkMessage };
  redirect("/sign-in?reset=1");
}
