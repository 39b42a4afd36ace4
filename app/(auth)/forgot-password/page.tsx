import type { Metadata } from "next";
import { AuthCard } from "@/components/account/auth-card";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { requestPasswordResetLink } from "@/lib/actions/account/request-password-reset-link";
import { getCompanyName } from "@/lib/data/company";

export const metadata: Metadata = { title: "Forgot your password?" };

export default async function ForgotPasswordPage() {
  return (
    <AuthCard companyName={await getCompanyName()} title="Forgot your password?" intro="Enter your email and we will send you a link to choose a new one.">
      <ForgotPasswordForm action={requestPasswordResetLink} />
    </AuthCard>
  );
}
