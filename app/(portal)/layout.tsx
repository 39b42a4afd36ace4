import { VerifyEmailBanner } from "@/components/accounts/verify-email-banner";
import { AppShell } from "@/components/layout/app-shell";
import type { NavItem } from "@/components/layout/nav-links";
import { resendVerification } from "@/lib/actions/accounts/resend-verification";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { requireUser } from "@/lib/auth/session";
import { getMyPendingEnrolment } from "@/lib/data/accounts";
import { getCompanyName } from "@/lib/data/company";
import { getMyUnreadNotificationCount } from "@/lib/data/notifications";
import { injectFault } from "@/lib/e2e-faults";

const distributorNav: NavItem[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/dashboard/team", label: "Team" },
  { href: "/dashboard/orders", label: "Orders" },
  { href: "/dashboard/autoship", label: "Autoship" },
  { href: "/dashboard/earnings", label: "Earnings" },
  { href: "/shop", label: "Shop" },
  { href: "/dashboard/account", label: "Account" },
];
// A terminated distributor keeps what they are owed, nothing of a team or the shop.
const closedNav = distributorNav.filter((item) => !["/dashboard/team", "/shop", "/dashboard/autoship"].includes(item.href));

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  await injectFault("portal-layout");
  const viewer = await requireUser();
  const nav = viewer.role === "admin" ? [...distributorNav, { href: "/admin", label: "Admin" }] : viewer.terminated ? closedNav : distributorNav;
  const [companyName, unread, pending] = await Promise.all([getCompanyName(), getMyUnreadNotificationCount(), getMyPendingEnrolment()]);
  return (
    <AppShell companyName={companyName} user={viewer} nav={nav} unread={unread} signOut={signOutAction}>
      {pending ? <VerifyEmailBanner email={pending.email} sponsorName={pending.sponsorName} companyName={companyName} resend={resendVerification} /> : null}
      {children}
    </AppShell>
  );
}
