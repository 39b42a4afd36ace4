import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailForm } from "@/components/accounts/verify-email-form";
import { verifyEmail } from "@/lib/actions/accounts/verify-email";
import { verificationLinkIsLive } from "@/lib/data/accounts";

export const metadata: Metadata = { title: "Confirm your email", robots: { index: false } };

/**
 * A verification link lands here. Opening it uses nothing up (mail scanners
 * prefetch links): the person confirms with a button, which posts the token.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && (await verificationLinkIsLive(raw)) ? raw : null;
  const live = token !== null;
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold text-slate-900">{live ? "Confirm your email" : "This link does not work"}</h1>
      {token !== null ? (
        <>
          <p className="mt-2 mb-5 text-slate-700">One last step: confirm this is your address, and you take your place in the team.</p>
          <VerifyEmailForm action={verifyEmail} token={token} />
        </>
      ) : (
        <div className="mt-2 space-y-3 text-slate-700" data-testid="verify-link-invalid">
          <p>It was already used, has expired, or was replaced by a newer link.</p>
          <p>
            Already confirmed? Just sign in. Otherwise{" "}
            <Link href="/sign-in" className="font-medium text-brand-800 underline">
              sign in
            </Link>{" "}
            and choose <span className="font-medium">Resend the link</span> on your dashboard to get a new one. An unconfirmed signup is deleted after a few
            days: then simply join again.
          </p>
        </div>
      )}
    </div>
  );
}
