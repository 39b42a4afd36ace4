import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SuccessNote } from "@/components/account/auth-card";
import { SignInForm } from "@/components/forms/sign-in-form";
import { signInWithPassword } from "@/lib/actions/auth/sign-in";
import { getViewer } from "@/lib/auth/session";
import { getCompanyName } from "@/lib/data/company";
import { safeCallbackPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, "/");
  if (await getViewer()) redirect(callbackUrl);
  const companyName = await getCompanyName();
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Lineage</p>
          <h1 className="mt-2 text-2xl font-bold text-slate-900">Sign in to {companyName}</h1>
          <p className="mt-1 text-sm text-slate-600">Your team, your volumes, your earnings.</p>
        </div>
        {params.verified === "1" ? (
          <p role="status" className="mb-4 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" data-testid="email-verified">
            Your email is confirmed and you have your place in the team. Sign in to continue.
          </p>
        ) : null}
        <div className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {params.reset === "1" ? <SuccessNote>Your password was changed and every device signed out. Sign in with your new password.</SuccessNote> : null}
          <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
