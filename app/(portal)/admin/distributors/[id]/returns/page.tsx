import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BuybackRequestForm } from "@/components/buyback/buyback-request-form";
import { BuybackRequests } from "@/components/buyback/buyback-requests";
import { requestBuybackAsAdmin } from "@/lib/actions/admin/request-buyback";
import { requireAdmin } from "@/lib/auth/session";
import { BUYBACK_RATE_BPS } from "@/lib/buyback/rules";
import { now } from "@/lib/clock";
import { getAdminDistributorBuyback } from "@/lib/data/buyback";
import { getCompany } from "@/lib/data/company";
import { formatBps } from "@/lib/format";
import { parseDistributorId } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Buyback · Admin" };

/** An admin asks for a buyback on a terminated distributor's behalf (a distributor who cannot or does not ask themself). */
export default async function AdminDistributorReturnsPage({ params }: { params: Promise<{ id: string }> }) {
  const { timeZone } = await requireAdmin();
  const id = parseDistributorId((await params).id);
  if (id === null) notFound();
  const [data, company] = await Promise.all([getAdminDistributorBuyback(id, now()), getCompany()]);
  if (!data) notFound();
  const { name } = data;
  return (
    <section className="space-y-6">
      <header>
        <Link href="/admin/returns" className="text-sm text-brand-700 hover:underline">
          ← Returns
        </Link>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">Buyback for {name}</h1>
        <p className="mt-1 text-slate-600">
          Their own paid orders of the last 12 months, returned whole for {formatBps(BUYBACK_RATE_BPS)} of the products&rsquo; price. The request waits in
          Returns for approval.
        </p>
      </header>
      {!data.leaving ? (
        <p className="text-sm text-slate-600">
          {name} is an active distributor: a buyback is for a distributor who leaves. Terminate them first in Distributors.
        </p>
      ) : (
        <BuybackRequestForm
          timeZone={timeZone}
          action={requestBuybackAsAdmin}
          orders={data.eligible}
          currency={company.currency}
          rateLabel={formatBps(BUYBACK_RATE_BPS)}
          distributorId={id}
          emptyText={`No order of ${name} can be returned.`}
        />
      )}
      {data.requests.length > 0 && <BuybackRequests timeZone={timeZone} requests={data.requests} currency={company.currency} />}
    </section>
  );
}
