import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { siteLink } from "@/lib/mail/brand";
import { readUnsubscribeToken } from "@/lib/mail/unsubscribe";
import { stopEmails } from "@/lib/notifications/preferences";

// The List-Unsubscribe link of every non-essential email (lib/mail/deliver.ts).
// A mail client's one-click POST (RFC 8058: body "List-Unsubscribe=One-Click",
// no cookies) unsubscribes at once: the signed token is the authority, so there
// is no session or CSRF token to ask for. A browser that opens the link gets
// the page that asks first (app/unsubscribe/page.tsx).

function text(body: string, status: number): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  const named = token ? readUnsubscribeToken(token) : null;
  if (!named) return text("This unsubscribe link is not valid.", 400);
  const result = await stopEmails(await getDb(), named.userId, named.kind, now());
  if (!result.ok) return text(result.reason === "essential" ? "These emails are always sent." : "This unsubscribe link is not valid.", 400);
  return text("Unsubscribed.", 200);
}

export function GET(request: Request): Response {
  const token = new URL(request.url).searchParams.get("token");
  return Response.redirect(siteLink(token ? `/unsubscribe?token=${encodeURIComponent(token.slice(0, 200))}` : "/unsubscribe"), 303);
}
