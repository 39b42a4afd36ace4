import type { Metadata } from "next";
import Link from "next/link";
import { SkipRunForm } from "@/components/autoship/skip-run-form";
import { skipAutoshipByLink } from "@/lib/actions/autoship/skip-by-link";
import { dateOf, formatRunDate } from "@/lib/autoship/cycle";
import { now } from "@/lib/clock";
import { getSkipLink } from "@/lib/data/autoship";
import { formatMoney } from "@/lib/format";

// The link carries a token: never indexed, never sent on as a referrer.
export const metadata: Metadata = { title: "Skip an autoship order", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Where a reminder's "Skip this run" leads: it shows the run and asks (opening the link changes nothing), then skips that one run. */
export default async function SkipRunPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await getSkipLink(token, dateOf(now()));
  // A member manages autoship in the portal; a retail customer with the link in their autoship emails.
  const manage =
    link.state !== "invalid" && link.customer ? (
      "the link in your autoship emails"
    ) : (
      <Link href="/dashboard/autoship" className="underline">
        Autoship in the portal
      </Link>
    );
  if (link.state === "invalid") {
    return (
      <section className="mx-auto max-w-xl space-y-3" data-testid="skip-invalid">
        <h1 className="text-2xl font-bold text-slate-900">This link does not work</h1>
        <p className="text-slate-700">It may have been cut short when it was copied. Nothing was changed. You can skip a run from {manage}.</p>
      </section>
    );
  }
  if (link.state !== "skippable") {
    return (
      <section className="mx-auto max-w-xl space-y-3" data-testid="skip-done">
        <h1 className="text-2xl font-bold text-slate-900">
          {link.state === "skipped" ? `The ${formatRunDate(link.cycle)} order is skipped` : "This order can no longer be skipped"}
        </h1>
        <p className="text-slate-700">
          {link.state === "skipped" ? `Nothing is ordered or charged that day. Your next autoship is on ${formatRunDate(link.nextRunOn)}.` : link.why} See{" "}
          {manage}.
        </p>
      </section>
    );
  }
  const { quote } = link;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">Skip your {formatRunDate(link.cycle)} autoship?</h1>
      <p className="text-slate-700">
        {quote.lines
          .filter((l) => l.active)
          .map((l) => `${l.quantity} × ${l.name}`)
          .join(", ")}
        : {formatMoney(quote.totalCents, quote.currency)}
        {link.customer ? "" : `, ${quote.pv} PV`}. Skipped, nothing is ordered or charged that day; autoship carries on the month after.
      </p>
      <SkipRunForm action={skipAutoshipByLink.bind(null, token)} />
    </section>
  );
}
