import type { Metadata } from "next";
import Link from "next/link";
import { DoneJobsList, FailedJobsList, PendingJobsList } from "@/components/admin/jobs-lists";
import { jobStatuses } from "@/db/schema";
import { retryJobAsAdmin } from "@/lib/actions/admin/retry-job";
import { JOB_LIST_LIMIT } from "@/lib/admin/jobs";
import { requireAdmin } from "@/lib/auth/session";
import { getJobsOverview } from "@/lib/data/admin-outbox";
import { formatNumber } from "@/lib/format";
import { JOB_RETENTION_DAYS } from "@/lib/jobs/prune";

export const metadata: Metadata = { title: "Background jobs · Admin" };

const head = "px-3 py-2 font-medium";
const statusLabels = { queued: "Queued", running: "Running", done: "Done", failed: "Failed" } as const;

export default async function JobsPage() {
  const { timeZone } = await requireAdmin();
  const { counts, failed, pending, done } = await getJobsOverview();
  return (
    <section className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Background jobs</h1>
        <p className="mt-1 text-slate-600">
          Work the portal does after the fact, such as sending{" "}
          <Link href="/admin/outbox" className="text-brand-700 underline">
            email
          </Link>
          . Every app process runs a worker; a failed attempt is retried after 30 seconds, then after twice as long each time (at most an hour), up to its limit
          of attempts. Jobs that finished are kept {JOB_RETENTION_DAYS} days.
        </p>
      </header>
      <section className="space-y-2" aria-labelledby="job-counts">
        <h2 id="job-counts" className="text-lg font-semibold text-slate-900">
          By kind and state
        </h2>
        {counts.length === 0 ? (
          <p className="text-slate-600">No job yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Jobs by kind and state">
            <table className="w-full text-sm" data-testid="job-counts">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className={head}>
                    Kind
                  </th>
                  {jobStatuses.map((s) => (
                    <th key={s} scope="col" className={`${head} text-right`}>
                      {statusLabels[s]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {counts.map((c) => (
                  <tr key={c.kind} data-testid={`job-count-${c.kind}`}>
                    <th scope="row" className="px-3 py-2 text-left font-mono font-medium break-all text-slate-900">
                      {c.kind}
                    </th>
                    {jobStatuses.map((s) => (
                      <td key={s} className={`px-3 py-2 text-right tabular-nums ${s === "failed" && c.counts[s] > 0 ? "font-semibold text-red-800" : ""}`}>
                        {formatNumber(c.counts[s])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="space-y-2" aria-labelledby="failed-jobs">
        <h2 id="failed-jobs" className="text-lg font-semibold text-slate-900">
          Failed
        </h2>
        <p className="text-sm text-slate-600">Jobs that used all their attempts, newest first, with the last error.</p>
        <FailedJobsList timeZone={timeZone} action={retryJobAsAdmin} jobs={failed} />
      </section>
      <section className="space-y-2" aria-labelledby="pending-jobs">
        <h2 id="pending-jobs" className="text-lg font-semibold text-slate-900">
          Queued and running
        </h2>
        <p className="text-sm text-slate-600">
          Next due first. A running job belongs to its worker for 5 minutes; if that worker stops, another takes the job once that time is up.
        </p>
        <PendingJobsList timeZone={timeZone} jobs={pending} />
      </section>
      <section className="space-y-2" aria-labelledby="done-jobs">
        <h2 id="done-jobs" className="text-lg font-semibold text-slate-900">
          Recently done
        </h2>
        <DoneJobsList timeZone={timeZone} jobs={done} />
      </section>
      <p className="text-sm text-slate-600">Each list shows at most {formatNumber(JOB_LIST_LIMIT)} jobs; the counts above cover them all.</p>
    </section>
  );
}
