"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { changePassword } from "@/lib/accounts/settings";
import { signIn } from "@/lib/auth";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { changePasswordSchema, formFields } from "@/lib/validation/account";
import { firstErrors, type FormResult } from "../result";

type Field = "current" | "password" | "confirm";

/**
 * Changes the signed-in user's own password. Every other session ends (the
 * session version goes up, which ends this one too), then this one is signed
 * in again with the new password, so the person stays signed in here.
 */
export async function changeMyPassword(_prev: FormResult, formData: FormData): Promise<FormResult<Field>> {
  const viewer = await requireUser();
  const parsed = changePasswordSchema.safeParse(formFields(formData, ["current", "password", "confirm"]));
  if (!parsed.success) return { ok: false, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  const result = await changePassword(await getDb(), { userId: viewer.userId, current: parsed.data.current, password: parsed.data.password, at: now() });
  if (!result.ok) {
    switch (result.reason) {
      case "wrong-password":
        return { ok: false, fieldErrors: { current: "That is not your current password." } };
      case "limited":
        return { ok: false, message: "Too many wrong passwords. For your security, wait an hour, then try again." };
      case "same-password":
        return { ok: false, fieldErrors: { password: "Choose a password different from your current one." } };
    }
  }
  try {
    // Success throws NEXT_REDIRECT, which must propagate for Next to redirect.
    await signIn("credentials", { email: result.email, password: parsed.data.password, redirectTo: "/dashboard/account?changed=password" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in?reset=1");
    throw error;
  }
  return { ok: true };
}
