import "server-only";
import { getDb } from "@/db/client";
import { readUnsubscribeToken } from "@/lib/mail/unsubscribe";
import { categoryLabel, DIGEST_CATEGORY, preferenceTable } from "@/lib/notifications/preferences";
import { isNotificationKind, notificationKinds } from "@/lib/notifications/kinds";

// The unsubscribe page needs no session: the signed token (lib/mail/unsubscribe.ts) names the user and the email.

export type UnsubscribeRequest = { ok: true; label: string; digest: boolean; alreadyOff: boolean } | { ok: false; reason: "invalid" | "essential" };

/** What an unsubscribe link would stop, or why it cannot. Reads only. */
export async function getUnsubscribeRequest(token: string | undefined): Promise<UnsubscribeRequest> {
  const named = token ? readUnsubscribeToken(token) : null;
  const label = named ? categoryLabel(named.kind) : null;
  if (!named || label === null) return { ok: false, reason: "invalid" };
  if (isNotificationKind(named.kind) && notificationKinds[named.kind].essential) return { ok: false, reason: "essential" };
  const rows = await preferenceTable(await getDb(), named.userId);
  const alreadyOff =
    named.kind === DIGEST_CATEGORY ? !rows.some((r) => !r.essential && r.email === "digest") : rows.find((r) => r.kind === named.kind)?.email === "off";
  return { ok: true, label, digest: named.kind === DIGEST_CATEGORY, alreadyOff };
}
