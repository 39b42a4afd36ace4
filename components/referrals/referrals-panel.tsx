import { cache } from "react";
import { changeReferralCode } from "@/lib/actions/referrals/change-referral-code";
import { requireUser } from "@/lib/auth/session";
import { getCompanyName } from "@/lib/data/company";
import { getMyCodeChangeAllowance, getMyShareLink, listDirectSignupsForAdmin, listMyRecentRecruits } from "@/lib/data/referrals";
import { ReferralCodeForm } from "@/components/forms/referral-code-form";
import { DirectSignups } from "./direct-signups";
import { RecentRecruits } from "./recent-recruits";
import { ShareLinkCard } from "./share-link-card";

// Once per request: the page may start it early (preloadReferralsPanel) and the panel awaits the same reads.
const loadPanel = cache(async () => {
  const viewer = await requireUser();
  return Promise.all([
    getMyShareLink(),
    listMyRecentRecruits(),
    viewer.role === "admin" ? listDirectSignupsForAdmin() : Promise.resolve(null),
    getCompanyName(),
    getMyCodeChangeAllowance(),
  ]);
});

/**
 * Starts the panel's reads alongside the page's own, instead of after the page's
 * data has arrived and its render has reached the panel (profiled: the last
 * quarter of the dashboard's server time). Its errors surface where the panel renders.
 */
export function preloadReferralsPanel(): void {
  loadPanel().catch(() => undefined);
}

/** The dashboard's referral section: a distributor's link and newest recruits; for admins, the direct signups. */
export async function ReferralsPanel() {
  const [link, recruits, direct, companyName, allowance] = await loadPanel();
  return (
    <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
      {link ? (
        <>
          <ShareLinkCard link={link} companyName={companyName}>
            <details className="mt-5 border-t border-slate-100 pt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-800">Change your code</summary>
              <div className="mt-3">{allowance ? <ReferralCodeForm action={changeReferralCode} current={link.code} allowance={allowance} /> : null}</div>
            </details>
          </ShareLinkCard>
          <RecentRecruits recruits={recruits} />
        </>
      ) : null}
      {direct ? <DirectSignups rows={direct} /> : null}
    </div>
  );
}

/** The share card alone, without the code form: for a distributor looking at their own referral page. */
export async function OwnShareLink() {
  const [link, companyName] = await Promise.all([getMyShareLink(), getCompanyName()]);
  return link ? <ShareLinkCard link={link} companyName={companyName} /> : null;
}
