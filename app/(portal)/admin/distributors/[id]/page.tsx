import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { ReadOnlyBanner } from "@/components/team/read-only-banner";
import { requireAdmin } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { getDashboard } from "@/lib/data/team";
import { parseDistributorId } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Distributor dashboard" };

/** Any distributor's dashboard, as they see it, for an admin: read-only (no share card, no forms). */
export default async function AdminDistributorDashboard({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = parseDistributorId((await params).id);
  if (id === null) notFound();
  const [data, company] = await Promise.all([getDashboard(id), getCompany()]);
  if (!data) notFound();
  return (
    <section>
      <ReadOnlyBanner ownerName={data.view.ownerName} basePath={data.view.basePath} />
      <h1 className="text-2xl font-bold text-slate-900">{data.view.ownerName}&rsquo;s dashboard</h1>
      <DashboardView data={data} currency={company.currency} companyTimeZone={company.timeZone} />
    </section>
  );
}
