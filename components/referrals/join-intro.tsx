import Link from "next/link";
import type { PublicSponsor } from "@/lib/data/referrals";
import { joinPath } from "@/lib/referrals/display";
import { SponsorAvatar } from "./sponsor-avatar";

/** Who invites the prospect: the sponsor (from the link or the cookie), or the company itself. */
export function JoinIntro({ sponsor, companyName }: { sponsor: PublicSponsor | null; companyName: string }) {
  if (!sponsor) {
    return (
      <header>
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Become a distributor</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900 sm:text-3xl">Join {companyName}</h1>
        <p className="mt-2 text-slate-600">Create your free distributor account in a minute.</p>
      </header>
    );
  }
  return (
    <header className="flex items-center gap-4">
      <SponsorAvatar initial={sponsor.initial} />
      <div className="min-w-0">
        <p className="text-sm text-slate-600">You’re invited to {companyName} by</p>
        <h1 className="text-2xl font-bold break-words text-slate-900 sm:text-3xl">
          <span data-testid="sponsor-name">{sponsor.displayName}</span>
        </h1>
        <p className="mt-1 text-slate-600">
          You’re joining <span className="font-medium text-slate-800">{sponsor.displayName}</span>’s team.
        </p>
        {/* A customer who only wants the products buys as a guest: the sale still counts for the sponsor. */}
        <p className="mt-1 text-sm text-slate-600">
          Just want the products?{" "}
          <Link href={`${joinPath(sponsor.code)}/shop`} prefetch={false} className="font-medium text-brand-700 underline" data-testid="guest-shop-link">
            Shop as a guest
          </Link>
        </p>
      </div>
    </header>
  );
}
