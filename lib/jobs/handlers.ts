import { expireUnverifiedSignups } from "@/lib/accounts/verify";
import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import type { JobHandlers, RecurringJob } from "./worker";

export const EXPIRE_UNVERIFIED = "accounts.expire-unverified";

// Every kind of background job and the function that runs it. A kind missing
// here is never claimed (its jobs wait, visible to admins at /admin/jobs).
export const jobHandlers: JobHandlers = {
  [DELIVER_EMAIL]: (ctx) => deliverEmail(ctx),
  [EXPIRE_UNVERIFIED]: async ({ db, at }) => {
    await expireUnverifiedSignups(db, at);
  },
};

// Jobs queued by the clock: one key per period, so every app instance queues the same job and it runs once.
export const recurringJobs: RecurringJob[] = [
  // Hourly, so an unverified signup goes within the hour its window ends.
  { kind: EXPIRE_UNVERIFIED, keyFor: (at) => `${EXPIRE_UNVERIFIED}:${at.toISOString().slice(0, 13)}` },
];
