import type { Metadata } from "next";
import Link from "next/link";
import { AddReservedWordForm, ReservedWordsList } from "@/components/admin/reserved-words";
import { NoMatches } from "@/components/ui/list-filters";
import { addReservedWordAsAdmin } from "@/lib/actions/admin/add-reserved-word";
import { removeReservedWordAsAdmin } from "@/lib/actions/admin/remove-reserved-word";
import { requireAdmin } from "@/lib/auth/session";
import { getReferralCodeSettings } from "@/lib/data/admin-referrals";
import { formatDate, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Referral codes · Admin" };

function WordList({ words }: { words: readonly string[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5">
      {words.map((w) => (
        <li key={w} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {w}
        </li>
      ))}
    </ul>
  );
}

export default async function AdminReferralsPage() {
  const { timeZone } = await requireAdmin();
  const settings = await getReferralCodeSettings();
  const { policy } = settings;
  const companyBrands = settings.companyWords.filter((w) => w.kind === "brand").map((w) => w.word);
  const companyParts = settings.companyWords.filter((w) => w.kind === "word").map((w) => w.word);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Referral codes</h1>
        <p className="mt-1 text-slate-600">
          What distributors may choose as the code of their link (<span className="font-mono">/join/&lt;code&gt;</span>): how often they may change it, how long
          an old code keeps working, and the words nobody may take.
        </p>
      </header>

      <section aria-labelledby="rules-heading" className="space-y-2">
        <h2 id="rules-heading" className="text-lg font-semibold text-slate-900">
          Rules
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="code-rules">
          <li>
            A distributor may change their code at most {policy.changesPerWindow} times in any {policy.windowDays} days; the form tells them when they can
            again.
          </li>
          <li>
            An old code keeps sending its links to its owner for {policy.graceDays} days after the change. Then it answers as an unknown link, and anyone may
            take it.
          </li>
          <li>
            A new code may not use a reserved word, and the codes made at signup avoid them. A code chosen before its word became reserved keeps working: it is
            not taken away.
          </li>
        </ul>
      </section>

      <section aria-labelledby="reserved-heading" className="space-y-3">
        <h2 id="reserved-heading" className="text-lg font-semibold text-slate-900">
          Reserved words
        </h2>
        <p className="text-sm text-slate-600">Your own words, on top of the built-in ones below: brand names, product lines, words your company uses.</p>
        <ReservedWordsList
          action={removeReservedWordAsAdmin}
          words={settings.added.map((w) => ({
            word: w.word,
            kind: w.kind,
            added: `Added ${formatDate(w.addedAt, timeZone)}${w.addedBy ? ` by ${w.addedBy}` : ""}`,
          }))}
        />
        <AddReservedWordForm action={addReservedWordAsAdmin} />

        <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="built-in-words">
          <summary className="cursor-pointer font-medium text-slate-900">Built-in reserved words</summary>
          <div className="mt-3 space-y-3 text-slate-700">
            <div>
              <h3 className="font-medium">The site’s pages (as a code or a part of one)</h3>
              <WordList words={settings.routeWords} />
            </div>
            <div>
              <h3 className="font-medium">Roles and official words (as a code or a part of one)</h3>
              <WordList words={settings.roleWords} />
            </div>
            <div>
              <h3 className="font-medium">The company’s name{settings.companyName ? ` (${settings.companyName})` : ""}</h3>
              {companyBrands.length > 0 ? (
                <>
                  <p className="mt-1">Anywhere in a code:</p>
                  <WordList words={companyBrands} />
                </>
              ) : null}
              {companyParts.length > 0 ? (
                <>
                  <p className="mt-1">As a code or a part of one (too short to refuse anywhere):</p>
                  <WordList words={companyParts} />
                </>
              ) : null}
              {settings.companyWords.length === 0 ? <p className="mt-1">No word of the name is long enough to reserve.</p> : null}
            </div>
          </div>
        </details>
      </section>

      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-lg font-semibold text-slate-900">
          Recent code changes
        </h2>
        {settings.recentChanges.length === 0 ? (
          <NoMatches>No distributor has changed their code yet.</NoMatches>
        ) : (
          <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="code-changes">
            {settings.recentChanges.map((c, i) => (
              <li key={`${c.distributorId}-${c.changedAt}-${i}`} className="flex flex-wrap items-baseline gap-x-3 px-4 py-2 text-sm">
                <Link href={`/admin/distributors/${c.distributorId}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
                <span className="font-mono text-slate-800">
                  {c.fromCode} → {c.toCode}
                </span>
                <time dateTime={c.changedAt} className="text-slate-500">
                  {formatDateTime(c.changedAt, timeZone)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
