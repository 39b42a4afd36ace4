import { changeReferralCode } from "@/lib/actions/referrals/change-referral-code";
import { requireUser } from "@/lib/auth/session";
import { getCompanyName } from "@/lib/data/company";
import { getMyCodeChangeAllowance, getMyShareLink, listDirectSignupsForAdmin, listMyRecentRecruits } from "@/lib/data/referrals";
import { ReferralCodeForm } from "@/components/forms/referral-code-form";
import { DirectSignups } from "./direct-signups";
import { RecentRecruits } from "./recent-recruits";
import { ShareLinkCard } from "./share-link-card";

/** The dashboard's referral section: a distributor's link and newest recruits; for admins, the direct signups. */
export async function ReferralsPanel() {
  const viewer = await requireUser();
  const [link, recruits, direct, companyName, allowance] = await Promise.all([
    getMyShareLink(),
    listMyRecentRecruits(),
    viewer.role === "admin" ? listDirectSignupsForAdmin() : Promise.resolve(null),
    getCompanyName(),
    getMyCodeChangeAllowance(),
  ]);
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
