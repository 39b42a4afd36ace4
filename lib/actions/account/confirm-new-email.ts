"use server";

import { getDb } from "@/db/client";
import { confirmEmailChange } from "@/lib/accounts/settings";
import { ACCOUNT_TOKEN_PATTERN } from "@/lib/accounts/tokens";
import { now } from "@/lib/clock";
import type { ActionResult } from "../result";

const invalid = "This link has expired or was already used. Ask for a new one from your account settings.";

/**
 * Confirms a new sign-in email from the link sent to it. `token` is bound on
 * the server from the page's URL and is the only key: whoever can read that
 * inbox proves the address, signed in or not. A button, not the link itself,
 * makes the change, so a mail scanner that opens links changes nothing.
 */
export async function confirmNewEmail(token: string): Promise<ActionResult> {
  if (typeof token !== "string" || !ACCOUNT_TOKEN_PATTERN.test(token)) return { ok: false, message: invalid };
  const result = await confirmEmailChange(await getDb(), { token, at: now() });
  if (result.ok) return { ok: true, message: `Done: your account now signs in with ${result.email}.` };
  if (result.reason === "taken") return { ok: false, message: "Another account uses that address now, so your email stays as it was." };
  return { ok: false, message: invalid };
}
