import Link from "next/link";
import type { JoinViewer, PublicSponsor } from "@/lib/data/referrals";
import { buttonClass } from "@/components/ui/button";

const dashboardLink = buttonClass({ variant: "secondary", className: "mt-4" });

/** What a signed-in person sees on a referral page instead of the signup form. */
export function MemberNotice({
  viewer,
  sponsor,
  children,
}: {
  viewer: Exclude<JoinViewer, "guest">;
  sponsor: PublicSponsor | null;
  children?: React.ReactNode;
}) {
  const whose = sponsor ? `${sponsor.displayName}’s link` : "This page";
  const content = {
    owner: {
      title: "This is your referral link",
      text: "Share it with people you’d like to invite: whoever joins through it lands in your team.",
    },
    member: {
      title: "You’re already a member",
      text: `${whose} is for people joining for the first time. Your account is ready on your dashboard.`,
    },
    admin: {
      title: "You’re signed in as an administrator",
      text: `${whose} shows prospects a signup form. Administrators do not join teams.`,
    },
  }[viewer];
  return (
    <section className="rounded-xl border border-brand-100 bg-brand-50 p-5" data-testid="member-notice">
      <h2 className="text-lg font-semibold text-brand-800">{content.title}</h2>
      <p className="mt-1 text-slate-700">{content.text}</p>
      {children ? <div className="mt-4">{children}</div> : null}
      <Link href="/dashboard" className={dashboardLink}>
        Go to your dashboard
      </Link>
    </section>
  );
}
