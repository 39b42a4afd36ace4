import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { resetForgottenPassword } from "@/lib/actions/account/reset-forgotten-password";
import { getResetLink } from "@/lib/data/account-links";
import { getCompanyName } from "@/lib/data/company";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const [companyName, link] = await Promise.all([getCompanyName(), getResetLink(token)]);
  if (!link) {
    return (
      <AuthCard companyName={companyName} title="This link no longer works">
        <div className="space-y-4 text-sm text-slate-700">
          <p data-testid="link-expired">This password reset link has expired or was already used. Each link works once, for an hour.</p>
          <Link href="/forgot-password" className="font-medium text-brand-700 underline hover:text-brand-800">
            Ask for a new link
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard companyName={companyName} title="Choose a new password" intro={<span className="break-all">For {link.email}</span>}>
      <ResetPasswordForm action={resetForgottenPassword.bind(null, token)} email={link.email} />
    </AuthCard>
  );
}
