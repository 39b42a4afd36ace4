import "server-only";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { liveAccountLink } from "@/lib/accounts/password-reset";
import { now } from "@/lib/clock";

// The signed-out pages a link from an email opens. The link's token is the
// only key: whoever holds it may see the account's email (they read it in that inbox).

/** The account a live password-reset link is for, or null (unknown, used or expired). */
export async function getResetLink(token: string): Promise<{ email: string } | null> {
  await connection();
  const link = await liveAccountLink(await getDb(), { purpose: "reset_password", token, at: now() });
  return link ? { email: link.email } : null;
}

/** The new address a live email-change link confirms, or null. */
export async function getEmailChangeLink(token: string): Promise<{ newEmail: string } | null> {
  await connection();
  const link = await liveAccountLink(await getDb(), { purpose: "change_email", token, at: now() });
  return link?.newEmail ? { newEmail: link.newEmail } : null;
}
