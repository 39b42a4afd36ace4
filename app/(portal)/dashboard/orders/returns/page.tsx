import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BuybackRequestForm } from "@/components/buyback/buyback-request-form";
import { BuybackRequests } from "@/components/buyback/buyback-requests";
import { requestMyBuyback } from "@/lib/actions/orders/request-buyback";
import { BUYBACK_RATE_BPS } from "@/lib/buyback/rules";
import { now } from "@/lib/clock";
import { getMyBuyback } from "@/lib/data/buyback";
import { getCompany } from "@/lib/data/company";
import { requireUser } from "@/lib/auth/session";
import { formatBps } from "@/lib/format";

export const metadata: Metadata = { title: "Returns" };

/** A leaving (terminated) distributor returns whole orders of the last 12 months for a buyback; anyone sees their past requests. */
export default async function ReturnsPage() {
  const { timeZone } = await requireUser();
  const [data, company] = await Promise.all([getMyBuyback(now()), getCompany()]);
  if (!data) notFound();
  return (
    <section className="space-y-6">
      <header>
        <Link href="/dashboard/orders" className="text-sm text-brand-700 hover:underline">
          ← Orders
        </Link>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">Returns</h1>
        <p className="mt-1 text-slate-600">
          When you leave, the company buys back unopened, resaleable products you bought in the last 12 months: {formatBps(BUYBACK_RATE_BPS)} of the
          products&rsquo; price of each returned order goes back to you. The commissions your upline earned on those orders are reversed.
        </p>
      </header>
      {!data.leaving ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
          A buyback is for distributors who are leaving. To end your distributorship, contact the company; you can then return your orders here.
        </p>
      ) : (
        <BuybackRequestForm
          timeZone={timeZone}
          action={requestMyBuyback}
          orders={data.eligible}
          currency={company.currency}
          rateLabel={formatBps(BUYBACK_RATE_BPS)}
          emptyText="No order can be returned: only your own paid orders of the last 12 months, not already asked for, can."
        />
      )}
      {data.requests.length > 0 && (
        <div className="space-y-3">
          <h2 className="text-lg font-semibold text-slate-900">Your requests</h2>
          <BuybackRequests timeZone={timeZone} requests={data.requests} currency={company.currency} />
        </div>
      )}
    </section>
  );
}
