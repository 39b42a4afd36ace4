"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";
import { firstErrors, type ActionResult } from "../result";

export async function signInWithPassword(_prev: ActionResult, formData: FormData): Promise<ActionResult<"email" | "password">> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    return { ok: false, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(formData.get("callbackUrl")),
    });
    return { ok: true };
  } catch (error) {
    // Success is a redirect thrown by signIn; let it through.
    if (error instanceof AuthError) {
      return { ok: false, message: "That email and password do not match an account. Check both and try again." };
    }
    throw error;
  }
}
