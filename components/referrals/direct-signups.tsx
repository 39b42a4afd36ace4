import type { DirectSignupDto } from "@/lib/data/referrals";
import { formatJoinDate } from "./format";

/** For admins: who joined without a sponsor's link and landed under the company's root. */
export function DirectSignups({ rows }: { rows: DirectSignupDto[] }) {
  return (
    <section aria-labelledby="direct-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="direct-heading" className="text-lg font-semibold text-slate-900">
        Direct signups
      </h2>
      <p className="mt-1 text-sm text-slate-600">Joined without a referral link, so placed under the company’s root account.</p>
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">None yet.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100" data-testid="direct-signups">
          {rows.map((r) => (
            <li key={r.email} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
              <span className="min-w-0 break-words">
                <span className="font-medium text-slate-900">{r.name}</span> <span className="text-sm text-slate-500">{r.email}</span>
              </span>
              <span className="text-sm text-slate-500">
                {r.country ? `${r.country} · ` : ""}
                <time dateTime={r.joinedAt}>{formatJoinDate(r.joinedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
