"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth";
import { noticeSignInLockout } from "@/lib/auth/lockout-notice";
import { clearSignInFailures, recordSignInFailure, signInKeys, signInLockedUntil, waitText } from "@/lib/auth/throttle";
import { now } from "@/lib/clock";
import { requestClientAddress } from "@/lib/http/request";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";
import { firstErrors, type FormResult } from "../result";

const wrongCredentials = "That email and password do not match an account. Check both and try again.";

/**
 * Signs in with email and password. Failures count against the account and
 * the client address (lib/auth/throttle.ts): past a few, attempts are refused
 * for a while, with the same answer whether or not the account exists. The
 * failure that locks an account queues a notice to its owner, if it has one.
 */
export async function signInWithPassword(_prev: FormResult, formData: FormData): Promise<FormResult<"email" | "password">> {
  const rawEmail = formData.get("email");
  const values = { email: typeof rawEmail === "string" ? rawEmail.slice(0, 200) : "" };
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    return { ok: false, values, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  }
  const db = await getDb();
  const at = now();
  const keys = signInKeys(parsed.data.email, requestClientAddress(await headers()));
  const lockedUntil = await signInLockedUntil(db, keys, at);
  if (lockedUntil) {
    return { ok: false, values, message: `Too many sign-in attempts. For your security, try again in ${waitText(lockedUntil, at)}.` };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(formData.get("callbackUrl"), "/"),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const lock = await recordSignInFailure(db, keys, at);
      if (lock) await db.transaction((tx) => noticeSignInLockout(tx, lock));
      return { ok: false, values, message: wrongCredentials };
    }
    // Success is the redirect signIn throws: the account's failures are forgotten.
    if (isRedirect(error)) await clearSignInFailures(db, keys);
    throw error;
  }
}

/** Next's redirect, thrown by signIn on success (it carries a digest starting NEXT_REDIRECT). */
function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT");
}
