import type { Metadata } from "next";
import { Suspense } from "react";
import { AutoshipCard } from "@/components/dashboard/autoship-card";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { CardsSkeleton, ChartSkeleton } from "@/components/dashboard/skeletons";
import { preloadReferralsPanel, ReferralsPanel } from "@/components/referrals/referrals-panel";
import { WelcomeBanner } from "@/components/referrals/welcome-banner";
import { requireUser, type Viewer } from "@/lib/auth/session";
import { getMyAutoshipCard } from "@/lib/data/autoship";
import { getCompany } from "@/lib/data/company";
import { getDashboard } from "@/lib/data/team";
import { injectFault } from "@/lib/e2e-faults";

export const metadata: Metadata = { title: "Dashboard" };

// The dashboard streams in behind a skeleton. A Suspense boundary here rather
// than a loading.tsx: that would wrap every /dashboard/* route and turn their
// 404s (another distributor's order or member) into streamed 200s. The heading
// is inside the boundary too, so a visible dashboard is a finished one.
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  const { welcome } = await searchParams;
  return (
    <Suspense fallback={<DashboardSkeleton />}>
      <Dashboard viewer={viewer} welcome={welcome === "1"} />
    </Suspense>
  );
}

async function Dashboard({ viewer, welcome }: { viewer: Viewer; welcome: boolean }) {
  await injectFault("page");
  if (!viewer.terminated) preloadReferralsPanel();
  const [dashboard, company, autoship] = await Promise.all([getDashboard(), getCompany(), getMyAutoshipCard()]);
  return (
    <section>
      {welcome ? <WelcomeBanner /> : null}
      <h1 className="text-2xl font-bold text-slate-900">Welcome, {viewer.name}</h1>
      <p className="mt-1 text-slate-600">
        Signed in as{" "}
        <span data-testid="user-role" className="font-medium">
          {viewer.role === "admin" ? "Administrator" : "Distributor"}
        </span>
      </p>
      {viewer.terminated ? (
        <ClosedAccount title="Your account" />
      ) : dashboard ? (
        <DashboardView data={dashboard} currency={company.currency} companyTimeZone={company.timeZone}>
          {autoship ? <AutoshipCard state={autoship} /> : null}
          <ReferralsPanel />
        </DashboardView>
      ) : (
        <ReferralsPanel />
      )}
    </section>
  );
}

function DashboardSkeleton() {
  return (
    <div role="status" aria-busy="true" className="space-y-4" data-testid="dashboard-skeleton">
      <span className="sr-only">Loading your dashboard</span>
      <div className="h-8 w-64 animate-pulse rounded-md bg-slate-200" />
      <CardsSkeleton />
      <CardsSkeleton count={3} />
      <div className="grid gap-4 xl:grid-cols-2">
        <ChartSkeleton />
        <ChartSkeleton />
      </div>
    </div>
  );
}
