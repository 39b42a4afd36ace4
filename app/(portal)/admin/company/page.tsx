import type { Metadata } from "next";
import { CompanyForm } from "@/components/admin/company-form";
import { updateCompanyAsAdmin } from "@/lib/actions/admin/update-company";
import { requireAdmin } from "@/lib/auth/session";
import { getCompanyIdentityAsAdmin } from "@/lib/data/admin-company";
import { timeZoneNames } from "@/lib/time-zone";

export const metadata: Metadata = { title: "Company · Admin" };

export default async function AdminCompanyPage() {
  await requireAdmin();
  const identity = await getCompanyIdentityAsAdmin();
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Company</h1>
        <p className="mt-1 text-slate-600">
          The name distributors, customers and emails show, the colour of your emails, and the company&rsquo;s time zone. Amounts are in {identity.currency},
          set when the company was created.
        </p>
      </header>
      <CompanyForm
        action={updateCompanyAsAdmin}
        defaults={{ name: identity.name, brandColor: identity.brandColor, timeZone: identity.timeZone }}
        zones={timeZoneNames()}
      />
    </section>
  );
}
