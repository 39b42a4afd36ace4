import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/account/auth-card";
import { ConfirmEmailForm } from "@/components/account/confirm-email-form";
import { confirmNewEmail } from "@/lib/actions/account/confirm-new-email";
import { getEmailChangeLink } from "@/lib/data/account-links";
import { getCompanyName } from "@/lib/data/company";

export const metadata: Metadata = { title: "Confirm your new email", referrer: "no-referrer" };

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const [companyName, link] = await Promise.all([getCompanyName(), getEmailChangeLink(token)]);
  if (!link) {
    return (
      <AuthCard companyName={companyName} title="This link no longer works">
        <div className="space-y-4 text-sm text-slate-700">
          <p data-testid="link-expired">This confirmation link has expired or was already used. Each link works once, for 24 hours.</p>
          <Link href="/dashboard/account" className="font-medium text-brand-700 underline hover:text-brand-800">
            Ask for a new link from your account settings
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard companyName={companyName} title="Confirm your new email">
      <ConfirmEmailForm action={confirmNewEmail.bind(null, token)} newEmail={link.newEmail} />
    </AuthCard>
  );
}
