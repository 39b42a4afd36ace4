import type { Metadata } from "next";
import { PendingSignupsList } from "@/components/admin/pending-signups";
import { verifySignupAsAdmin } from "@/lib/actions/admin/verify-signup";
import { requireAdmin } from "@/lib/auth/session";
import { listPendingSignups } from "@/lib/data/accounts";
import { getCompanyName } from "@/lib/data/company";
import { env } from "@/lib/env";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Awaiting verification · Admin" };

export default async function AdminSignupsPage() {
  const { timeZone } = await requireAdmin();
  const [signups, companyName] = await Promise.all([listPendingSignups(), getCompanyName()]);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Awaiting verification</h1>
        <p className="mt-1 text-slate-600">
          New signups whose email is not confirmed yet. They can sign in, but have no place in the team and cannot order. An unconfirmed signup is deleted{" "}
          {env.unverifiedDays} days after it was made. Verify one by hand when the person cannot receive the link (the sponsor is told as usual).
        </p>
      </header>
      <PendingSignupsList
        action={verifySignupAsAdmin}
        signups={signups.map((s) => ({
          userId: s.userId,
          name: s.name,
          email: s.email,
          sponsor: s.sponsorName === null ? `${companyName} (direct)` : `${s.sponsorName} (${s.sponsorCode})`,
          signedUp: formatDateTime(s.signedUpAt, timeZone),
          expires: formatDate(s.expiresAt, timeZone),
        }))}
      />
    </section>
  );
}
