import Link from "next/link";
import { formatDay, formatNumber } from "@/lib/format";
import type { MemberCardDto } from "@/lib/team/member";
import { AutoshipBadge, MemberStatus } from "./member-status";
import { rankName } from "./rank-name";
import { buttonClass } from "@/components/ui/button";

/** One downline member: standing this period, place in the tree, and the chain from the owner down to them. */
export function MemberCard({ member, ranks, teamPath, ownerLabel }: { member: MemberCardDto; ranks: string[]; teamPath: string; ownerLabel: string }) {
  const facts: [string, React.ReactNode][] = [
    ["Generation", formatNumber(member.generation)],
    ["Rank", rankName(ranks, member.rank)],
    [
      "Status",
      <span key="s" className="flex flex-wrap gap-1">
        <MemberStatus active={member.active} terminated={member.terminated} />
        {member.autoship ? <AutoshipBadge /> : null}
      </span>,
    ],
    ["PV this period", formatNumber(member.pv)],
    ["GV this period", formatNumber(member.gv)],
    ["Joined", formatDay(member.joinedAt)],
    ["Direct recruits", formatNumber(member.directRecruits)],
    ["Team size", formatNumber(member.teamSize)],
  ];
  return (
    <article aria-labelledby="member-name" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="member-card">
      <h1 id="member-name" className="text-2xl font-bold text-slate-900">
        {member.name}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Sponsor:{" "}
        {member.generation === 1 ? (
          ownerLabel
        ) : (
          <Link prefetch={false} href={`${teamPath}/${member.sponsorId}`} className="text-brand-700 underline">
            {member.sponsorName}
          </Link>
        )}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {facts.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <nav aria-label="Line of sponsorship" className="mt-5 text-sm">
        <p className="font-medium text-slate-700">Line of sponsorship</p>
        <ol className="mt-1 flex flex-wrap items-center gap-1 text-slate-600">
          <li>{ownerLabel}</li>
          {member.chain.map((c) => (
            <li key={c.id} className="flex items-center gap-1">
              <span aria-hidden="true">›</span>
              {c.id === member.id ? (
                <span aria-current="page" className="font-medium text-slate-900">
                  {c.name}
                </span>
              ) : (
                <Link prefetch={false} href={`${teamPath}/${c.id}`} className="text-brand-700 hover:underline">
                  {c.name}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="mt-5 flex flex-wrap gap-2">
        <Link prefetch={false} href={`${teamPath}/tree?reveal=${member.id}`} className={buttonClass({ variant: "secondary", size: "sm" })}>
          Show in tree
        </Link>
        <Link prefetch={false} href={teamPath} className={buttonClass({ variant: "secondary", size: "sm" })}>
          Back to team
        </Link>
      </div>
    </article>
  );
}
