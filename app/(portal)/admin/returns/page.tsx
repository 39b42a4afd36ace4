import type { Metadata } from "next";
import Link from "next/link";
import { BuybackDecision } from "@/components/buyback/buyback-decision";
import { BuybackRequests } from "@/components/buyback/buyback-requests";
import { approveBuybackAsAdmin } from "@/lib/actions/admin/approve-buyback";
import { rejectBuybackAsAdmin } from "@/lib/actions/admin/reject-buyback";
import { requireAdmin } from "@/lib/auth/session";
import { BUYBACK_RATE_BPS } from "@/lib/buyback/rules";
import { listAdminBuybackRequests } from "@/lib/data/buyback";
import { getCompany } from "@/lib/data/company";
import { formatBps, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Returns · Admin" };

export default async function AdminReturnsPage() {
  const { timeZone } = await requireAdmin();
  const [requests, company] = await Promise.all([listAdminBuybackRequests(), getCompany()]);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Returns and buyback</h1>
        <p className="mt-1 text-slate-600">
          Leaving distributors return whole orders of the last 12 months for {formatBps(BUYBACK_RATE_BPS)} of their products&rsquo; price. Approving refunds
          each order through its payment provider and reverses its commissions with the reason &ldquo;buyback&rdquo;. To ask on a distributor&rsquo;s behalf,
          open a terminated distributor in{" "}
          <Link href="/admin/distributors?status=terminated" className="text-brand-700 underline">
            Distributors
          </Link>
          .
        </p>
      </header>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">No buyback request yet.</p>
      ) : (
        <BuybackRequests
          timeZone={timeZone}
          requests={requests}
          currency={company.currency}
          actions={(r) => (
            <BuybackDecision
              pending={r.status === "pending"}
              requestId={r.id}
              approve={approveBuybackAsAdmin}
              reject={rejectBuybackAsAdmin}
              refund={formatMoney(r.refundCents, company.currency)}
              commission={{ lines: r.commission?.lines ?? 0, amount: formatMoney(r.commission?.cents ?? 0, company.currency) }}
            />
          )}
        />
      )}
    </section>
  );
}
