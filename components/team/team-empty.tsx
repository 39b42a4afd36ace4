import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** A distributor with no team yet: what to do about it, not a blank table. */
export function TeamEmpty({ readOnly, ownerName }: { readOnly: boolean; ownerName: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="team-empty">
      <p className="text-lg font-semibold text-slate-800">{readOnly ? `${ownerName} has no team yet` : "Your team starts with your first recruit"}</p>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        {readOnly
          ? "Nobody has joined under this distributor so far."
          : "Share your referral link: everyone who joins through it lands here, generation by generation, with their volumes and rank."}
      </p>
      {readOnly ? null : (
        <Link prefetch={false} href="/dashboard#share-heading" className={buttonClass({ className: "mt-5" })}>
          Get your referral link
        </Link>
      )}
    </div>
  );
}
