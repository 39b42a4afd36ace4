"use server";

import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { readUnsubscribeToken } from "@/lib/mail/unsubscribe";
import { categoryLabel, DIGEST_CATEGORY, stopEmails } from "@/lib/notifications/preferences";
import type { ActionResult } from "../result";

const invalid = "This unsubscribe link is not valid. Sign in and choose what you get in your notification settings.";

/**
 * The unsubscribe page's button, for someone who followed an email's link and
 * is not signed in: the signed token names the user and the email, and is the
 * only authority (it cannot be made for anyone else without the portal's secret).
 */
export async function unsubscribeWithToken(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formData.get("token");
  const named = typeof raw === "string" ? readUnsubscribeToken(raw) : null;
  const label = named ? categoryLabel(named.kind) : null;
  if (!named || label === null) return { ok: false, message: invalid };
  const result = await stopEmails(await getDb(), named.userId, named.kind, now());
  if (!result.ok) return { ok: false, message: result.reason === "essential" ? "These emails are always sent: they cannot be turned off." : invalid };
  return {
    ok: true,
    message:
      named.kind === DIGEST_CATEGORY
        ? "You will get no more daily digests. What they listed still shows in the portal."
        : `You will get no more emails about ${label.toLowerCase()}. You still see them in the portal.`,
  };
}
