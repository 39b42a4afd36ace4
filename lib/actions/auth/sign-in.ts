"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";
import { firstErrors, type FormResult } from "../result";

export async function signInWithPassword(_prev: FormResult, formData: FormData): Promise<FormResult<"email" | "password">> {
  const rawEmail = formData.get("email");
  const values = { email: typeof rawEmail === "string" ? rawEmail.slice(0, 200) : "" };
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    return { ok: false, values, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
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
      return { ok: false, values, message: "That email and password do not match an account. Check both and try again." };
    }
    throw error;
  }
}
