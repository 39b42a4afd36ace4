import Link from "next/link";

/** A terminated distributor's page where a team, a referral link or the shop would be: what is gone, and what stays theirs. */
export function ClosedAccount({ title }: { title: string }) {
  return (
    <section>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <div className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-6" data-testid="closed-account">
        <p className="font-medium text-amber-900">Your distributor account is closed</p>
        <p className="mt-1 text-sm text-amber-900">
          You no longer have a team, a referral link or the shop. What you earned stays yours: your{" "}
          <Link prefetch={false} href="/dashboard/earnings" className="font-medium underline">
            earnings and payouts
          </Link>{" "}
          and your{" "}
          <Link prefetch={false} href="/dashboard/orders" className="font-medium underline">
            orders
          </Link>{" "}
          remain here. Questions: contact the company.
        </p>
        <p className="mt-2 text-sm text-amber-900">
          Products you bought in the last 12 months and have not opened can be{" "}
          <Link prefetch={false} href="/dashboard/orders/returns" className="font-medium underline">
            returned for a refund
          </Link>
          .
        </p>
      </div>
    </section>
  );
}
