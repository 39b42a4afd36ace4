import type { Metadata } from "next";
import Link from "next/link";
import { UnsubscribeForm } from "@/components/notifications/unsubscribe-form";
import { unsubscribeWithToken } from "@/lib/actions/notifications/unsubscribe-with-token";
import { getUnsubscribeRequest } from "@/lib/data/unsubscribe";

// The link carries the user's token: never indexed, never sent on as a referrer.
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Where an email's "Unsubscribe" leads: it asks first (opening a link changes nothing), then stops that email. */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: raw } = await searchParams;
  const token = typeof raw === "string" ? raw : undefined;
  const request = await getUnsubscribeRequest(token);
  if (!request.ok || token === undefined) {
    return (
      <section className="mx-auto max-w-xl space-y-3" data-testid="unsubscribe-invalid">
        <h1 className="text-2xl font-bold text-slate-900">
          {!request.ok && request.reason === "essential" ? "These emails are always sent" : "This link does not work"}
        </h1>
        <p className="text-slate-700">
          {!request.ok && request.reason === "essential"
            ? "Receipts and security emails cannot be turned off."
            : "This unsubscribe link is not valid: it may have been cut short when it was copied. Nothing was changed."}{" "}
          You can choose what you get in your{" "}
          <Link href="/dashboard/notifications/settings" className="underline">
            notification settings
          </Link>{" "}
          once signed in.
        </p>
      </section>
    );
  }
  const question = request.digest ? "Stop the daily digest?" : `Stop emails about ${request.label.toLowerCase()}?`;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{question}</h1>
      <p className="text-slate-700">
        {request.digest
          ? "You will get no daily digest email: every kind of notification that came in it is turned off by email. You still see them in the portal."
          : `You will get no more emails about ${request.label.toLowerCase()}. You still see them in the portal, and you can turn them back on in your notification settings.`}
      </p>
      {request.alreadyOff ? <p className="text-sm text-slate-600">They are already off.</p> : null}
      <UnsubscribeForm action={unsubscribeWithToken} token={token} button={request.digest ? "Stop the daily digest" : "Unsubscribe"} />
    </section>
  );
}
