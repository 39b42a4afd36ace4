import type { RecruitDto } from "@/lib/data/referrals";
import { formatJoinDate } from "./format";

/** The viewer's newest first-generation recruits. Names are plain text, whatever they contain. */
export function RecentRecruits({ recruits }: { recruits: RecruitDto[] }) {
  return (
    <section aria-labelledby="recruits-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="recruits-heading" className="text-lg font-semibold text-slate-900">
        Newest members of your team
      </h2>
      <p className="mt-1 text-sm text-slate-600">Generation 1: the people you sponsored directly.</p>
      {recruits.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No one has joined through your link yet. Share it to grow your team.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100" data-testid="recent-recruits">
          {recruits.map((r, i) => (
            <li key={`${r.joinedAt}-${i}`} className="flex items-baseline justify-between gap-3 py-2" data-testid="recruit">
              <span className="min-w-0 font-medium break-words text-slate-900">{r.name}</span>
              <span className="shrink-0 text-sm text-slate-500">
                Joined <time dateTime={r.joinedAt}>{formatJoinDate(r.joinedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
