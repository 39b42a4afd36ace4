import Link from "next/link";

/**
 * A signed-in user without a distributor record: an admin account (nothing of
 * their own to show), or a signup whose email is not confirmed yet (no place
 * in the team until it is: the banner above offers a new link).
 */
export function NoDistributor({ title, awaitingVerification = false }: { title: string; awaitingVerification?: boolean }) {
  return (
    <section>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <div className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="no-distributor">
        {awaitingVerification ? (
          <>
            <p className="font-medium text-slate-800">Your team starts when you confirm your email</p>
            <p className="mt-1 text-sm text-slate-600">
              Open the link we emailed you. Then you have your place in the team, your own referral link, and the people you invite appear here.
            </p>
          </>
        ) : (
          <>
            <p className="font-medium text-slate-800">This account has no team of its own</p>
            <p className="mt-1 text-sm text-slate-600">
              It is not a distributor account.{" "}
              <Link prefetch={false} href="/admin/distributors" className="text-brand-700 underline">
                Open any distributor&rsquo;s dashboard
              </Link>{" "}
              from the admin area instead.
            </p>
          </>
        )}
      </div>
    </section>
  );
}
