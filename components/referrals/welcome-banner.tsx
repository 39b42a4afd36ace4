import { getMySponsor } from "@/lib/data/referrals";
import { getCompanyName } from "@/lib/data/company";

/** Shown once after signup (/dashboard?welcome=1): whose team the new distributor joined. */
export async function WelcomeBanner() {
  const sponsor = await getMySponsor();
  if (!sponsor) return null;
  const text = sponsor.isCompany ? `You joined ${await getCompanyName()} directly.` : `Your sponsor is ${sponsor.name}.`;
  return (
    <div className="mb-6 rounded-xl border border-brand-100 bg-brand-50 px-5 py-4" data-testid="welcome-banner">
      <p className="font-semibold text-brand-800">Welcome to the team! {text}</p>
      <p className="mt-1 text-sm text-slate-700">Share your own link below to start building your team.</p>
    </div>
  );
}
