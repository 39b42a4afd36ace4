"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { formatDateTime } from "@/lib/format";
import { NoMatches } from "@/components/ui/list-filters";
import { FormMessage } from "./form-bits";
import { Button } from "@/components/ui/button";

export interface JobListRow {
  id: number;
  kind: string;
  key: string;
  status: "queued" | "running" | "done" | "failed";
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  emailId: number | null;
}

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

const when = (iso: string | null, timeZone: string) => (iso ? formatDateTime(iso, timeZone) : "—");

/** The job's kind and key, with a link to the message a mail delivery sends. */
function JobName({ job }: { job: JobListRow }) {
  return (
    <p className="min-w-0">
      <span className="font-mono font-medium text-slate-900">{job.kind}</span> <span className="text-slate-500">#{job.id}</span>
      <span className="block font-mono text-xs break-all text-slate-600">{job.key}</span>
      {job.emailId !== null ? (
        <Link href={`/admin/outbox/${job.emailId}`} className="text-sm text-brand-700 hover:underline">
          Open message #{job.emailId}
        </Link>
      ) : null}
    </p>
  );
}

interface RetryState {
  jobId?: number;
  result: ActionResult;
}

/**
 * The failed jobs, each with its error and "Retry now" (after a confirmation
 * that says what a retry does). A refusal shows in its row; a retry, whose row
 * then leaves this list, is confirmed under it.
 */
export function FailedJobsList({ action, jobs, timeZone }: { action: Action; jobs: JobListRow[]; timeZone: string }) {
  const [state, formAction, pending] = useActionState<RetryState, FormData>(
    async (prev, formData) => ({ jobId: Number(formData.get("jobId")), result: await action(prev.result, formData) }),
    { result: { ok: true } },
  );
  return (
    <div className="space-y-2">
      {jobs.length === 0 ? <NoMatches>No failed job.</NoMatches> : null}
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white empty:hidden" data-testid="failed-jobs">
        {jobs.map((job) => (
          <li key={job.id} className="space-y-2 px-4 py-3 text-sm" data-testid={`job-${job.id}`}>
            <JobName job={job} />
            <p className="text-slate-700">
              Failed {when(job.finishedAt, timeZone)} after {job.attempts} of {job.maxAttempts} attempts.
            </p>
            {job.lastError ? <p className="font-mono text-xs break-words text-red-800">{job.lastError}</p> : null}
            <details>
              <summary className="w-fit cursor-pointer font-medium text-brand-700 hover:underline">
                Retry now<span className="sr-only"> job #{job.id}</span>
              </summary>
              <form action={formAction} className="mt-2 max-w-sm space-y-2">
                <input type="hidden" name="jobId" value={job.id} />
                <label className="flex items-start gap-2 text-slate-700">
                  <input type="checkbox" name="confirm" className="mt-0.5 size-4 shrink-0" />
                  <span>
                    Run it again now, with a fresh series of {job.maxAttempts} attempts
                    {job.emailId !== null ? ": the message is sent if the server takes it this time" : ""}
                  </span>
                </label>
                <Button type="submit" disabled={pending} variant="secondary">
                  Retry job #{job.id}
                </Button>
                <FormMessage state={state.jobId === job.id && !state.result.ok ? state.result : { ok: false }} />
              </form>
            </details>
          </li>
        ))}
      </ul>
      <FormMessage state={state.result.ok ? state.result : { ok: true }} />
    </div>
  );
}

/** Queued and running jobs: when each runs next, and a running one's lease. */
export function PendingJobsList({ jobs, timeZone }: { jobs: JobListRow[]; timeZone: string }) {
  if (jobs.length === 0) return <NoMatches>Nothing queued or running.</NoMatches>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="pending-jobs">
      {jobs.map((job) => (
        <li key={job.id} className="space-y-1 px-4 py-3 text-sm" data-testid={`job-${job.id}`}>
          <JobName job={job} />
          <p className="text-slate-700">
            {job.status === "running"
              ? `Running (attempt ${job.attempts} of ${job.maxAttempts}); its worker holds it until ${when(job.lockedUntil, timeZone)}, then another takes it.`
              : `Queued: runs ${job.attempts === 0 ? "" : `again (after ${job.attempts} failed ${job.attempts === 1 ? "attempt" : "attempts"}) `}from ${when(job.runAt, timeZone)}.`}
          </p>
          {job.lastError ? <p className="font-mono text-xs break-words text-red-800">Last error: {job.lastError}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** The most recently finished jobs. */
export function DoneJobsList({ jobs, timeZone }: { jobs: JobListRow[]; timeZone: string }) {
  if (jobs.length === 0) return <NoMatches>No job has finished in the last 30 days.</NoMatches>;
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="done-jobs">
      {jobs.map((job) => (
        <li key={job.id} className="space-y-1 px-4 py-3 text-sm" data-testid={`job-${job.id}`}>
          <JobName job={job} />
          <p className="text-slate-700">
            Done {when(job.finishedAt, timeZone)}
            {job.attempts > 1 ? `, at attempt ${job.attempts}` : ""}.
          </p>
        </li>
      ))}
    </ul>
  );
}
