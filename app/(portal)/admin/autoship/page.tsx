import type { Metadata } from "next";
import { FailureList, SubscriptionCards, UpcomingRunsTable } from "@/components/admin/autoship-lists";
import { Pager } from "@/components/data-table/pager";
import { RunNowNoticeArea } from "@/components/admin/run-now-notice";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { NoMatches } from "@/components/ui/list-filters";
import { runAutoshipNowAsAdmin } from "@/lib/actions/admin/run-autoship-now";
import { FAILURE_LIMIT, UPCOMING_DAYS } from "@/lib/admin/autoship";
import { requireAdmin } from "@/lib/auth/session";
import { dateOf } from "@/lib/autoship/cycle";
import { now } from "@/lib/clock";
import { getAdminAutoship } from "@/lib/data/admin-autoship";
import { getCompany } from "@/lib/data/company";
import { AUTOSHIP_PAGE_SIZE, adminAutoshipHref, parseAdminAutoshipQuery, type AutoshipFilter } from "@/lib/validation/admin-autoship";

export const metadata: Metadata = { title: "Autoship · Admin" };

const filters: { value: AutoshipFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "paused", label: "Paused" },
  { value: "failing", label: "Failing" },
];

const emptyText: Record<AutoshipFilter, string> = {
  all: "No member has an autoship yet.",
  active: "No autoship is active.",
  paused: "No autoship is paused.",
  failing: "No autoship is failing.",
};

export default async function AdminAutoshipPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const query = parseAdminAutoshipQuery(await searchParams);
  const today = dateOf(now());
  const [{ subscriptions, total, upcoming, failures }, company] = await Promise.all([getAdminAutoship(query, today), getCompany()]);
  return (
    <section className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Autoship</h1>
        <p className="mt-1 text-slate-600">
          Members&rsquo; monthly orders, charged to their saved card on their day of the month through the ordinary order path. Totals are at today&rsquo;s
          prices; each order is priced on its day. A declined card is tried again 1, 3 and 5 days later, then the autoship stops until the member saves another
          card.
        </p>
      </header>

      <section className="space-y-3" aria-labelledby="autoship-subscriptions">
        <h2 id="autoship-subscriptions" className="text-lg font-semibold text-slate-900">
          Subscriptions
        </h2>
        <FilterTabs
          label="Filter autoships"
          tabs={filters.map((f) => ({ href: adminAutoshipHref("/admin/autoship", { filter: f.value }), label: f.label, current: f.value === query.filter }))}
        />
        {query.filter === "failing" ? (
          <p className="text-sm text-slate-600">Stopped after the last retry, or with an order waiting for a retry of a declined card.</p>
        ) : null}
        {subscriptions.length === 0 ? (
          <NoMatches>{emptyText[query.filter]}</NoMatches>
        ) : (
          <RunNowNoticeArea>
            <SubscriptionCards rows={subscriptions} currency={company.currency} today={today} timeZone={timeZone} runNow={runAutoshipNowAsAdmin} />
          </RunNowNoticeArea>
        )}
        <Pager
          page={query.page}
          pageSize={AUTOSHIP_PAGE_SIZE}
          total={total}
          hrefFor={(page) => adminAutoshipHref("/admin/autoship", { ...query, page })}
          label="Autoship pages"
        />
      </section>

      <section className="space-y-3" aria-labelledby="autoship-upcoming">
        <h2 id="autoship-upcoming" className="text-lg font-semibold text-slate-900">
          The next {UPCOMING_DAYS} days
        </h2>
        <p className="text-sm text-slate-600">Orders the active autoships will place, per day with any, at today&rsquo;s prices and shipping rates.</p>
        {upcoming.length === 0 ? (
          <NoMatches>No autoship order in the next 30 days.</NoMatches>
        ) : (
          <UpcomingRunsTable days={upcoming} currency={company.currency} />
        )}
      </section>

      <section className="space-y-3" aria-labelledby="autoship-failures">
        <h2 id="autoship-failures" className="text-lg font-semibold text-slate-900">
          Failures
        </h2>
        <p className="text-sm text-slate-600">
          Orders waiting for a retry of a declined card, then orders that failed, newest first (at most {FAILURE_LIMIT}), with the reason.
        </p>
        {failures.length === 0 ? (
          <NoMatches>No autoship order is failing.</NoMatches>
        ) : (
          <FailureList timeZone={timeZone} failures={failures} currency={company.currency} />
        )}
      </section>
    </section>
  );
}
