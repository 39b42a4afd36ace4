import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { PRUNE_JOBS, pruneFinishedJobs, pruneJobsDaily } from "./prune";
import type { JobHandlers, RecurringJob } from "./worker";

// Every kind of background job and the function that runs it. A kind missing
// here is never claimed (its jobs wait, visible to admins at /admin/jobs).
export const jobHandlers: JobHandlers = {
  [DELIVER_EMAIL]: (ctx) => deliverEmail(ctx),
  [PRUNE_JOBS]: async ({ db, at }) => {
    await pruneFinishedJobs(db, at);
  },
};

// Jobs queued by the clock: one key per period, so every app instance queues the same job and it runs once.
export const recurringJobs: RecurringJob[] = [pruneJobsDaily];
