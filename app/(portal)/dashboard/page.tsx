import type { Metadata } from "next";
import { ReferralsPanel } from "@/components/referrals/referrals-panel";
import { WelcomeBanner } from "@/components/referrals/welcome-banner";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  const { welcome } = await searchParams;
  return (
    <section>
      {welcome === "1" ? <WelcomeBanner /> : null}
      <h1 className="text-2xl font-bold text-slate-900">Welcome, {viewer.name}</h1>
      <p className="mt-1 text-slate-600">
        Signed in as <span data-testid="user-role" className="font-medium">{viewer.role === "admin" ? "Administrator" : "Distributor"}</span>
      </p>
      <ReferralsPanel />
    </section>
  );
}
