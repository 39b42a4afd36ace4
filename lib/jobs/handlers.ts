import { ANNOUNCEMENT_FAN_OUT, announcementFanOut } from "@/lib/admin/announcements";
import { PAYOUT_PAID, PERIOD_EARNINGS, payoutPaidFanOut, periodEarningsFanOut } from "@/lib/admin/period-notices";
import { expireUnverifiedSignups } from "@/lib/accounts/verify";
import { autoshipJobHandlers, autoshipRecurringJob } from "@/lib/autoship/schedule";
import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { DIGEST_JOB, DIGEST_USER_JOB, digestRecurringJob, runDigestJob, runUserDigestJob } from "@/lib/notifications/digest";
import { ORDER_NOTICE, sendOrderNotice } from "@/lib/orders/receipt-notices";
import { hourlyRankCheck, RANK_CHECK, rankCheck } from "@/lib/team/rank-notices";
import { PRUNE_JOBS, pruneFinishedJobs, pruneJobsDaily } from "./prune";
import type { JobHandlers, RecurringJob } from "./worker";

export const EXPIRE_UNVERIFIED = "accounts.expire-unverified";

// Every kind of background job and the function that runs it. A kind missing
// here is never claimed (its jobs wait, visible to admins at /admin/jobs).
export const jobHandlers: JobHandlers = {
  [DELIVER_EMAIL]: (ctx) => deliverEmail(ctx),
  [ORDER_NOTICE]: sendOrderNotice,
  [PERIOD_EARNINGS]: periodEarningsFanOut(),
  [PAYOUT_PAID]: payoutPaidFanOut(),
  [RANK_CHECK]: rankCheck(),
  [ANNOUNCEMENT_FAN_OUT]: announcementFanOut(),
  [DIGEST_JOB]: runDigestJob,
  [DIGEST_USER_JOB]: runUserDigestJob,
  [PRUNE_JOBS]: async ({ db, at }) => {
    await pruneFinishedJobs(db, at);
  },
  [EXPIRE_UNVERIFIED]: async ({ db, at }) => {
    await expireUnverifiedSignups(db, at);
  },
  ...autoshipJobHandlers,
};

// Jobs queued by the clock: one key per period, so every app instance queues the same job and it runs once.
export const recurringJobs: RecurringJob[] = [
  hourlyRankCheck,
  digestRecurringJob,
  pruneJobsDaily,
  autoshipRecurringJob,
  // Hourly, so an unverified signup goes within the hour its window ends.
  { kind: EXPIRE_UNVERIFIED, keyFor: (at) => `${EXPIRE_UNVERIFIED}:${at.toISOString().slice(0, 13)}` },
];
