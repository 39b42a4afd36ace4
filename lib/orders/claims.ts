import { eq, sql, type SQL } from "drizzle-orm";
import { orders, unpaidStatuses } from "@/db/schema";
import type { Tx } from "@/lib/ledger/db";
import { openPeriodFor } from "@/lib/ledger/periods";
import { queryPrepared } from "@/lib/ledger/storage";
import { monthOf } from "@/lib/periods";
import { OrderError } from "./errors";
import type { Outcome, PaymentJob } from "./job";

// A payment confirmation's claim on its order: the status change from unpaid
// to paid, with the order's period (that of the moment it was paid), in one
// statement for a whole batch, outside the ledger lock.

interface ClaimAttempt {
  current: { status: string; totalCents: number; provider: string | null; periodId: number | null } | null;
  /** The period of the payment's month (or the one asked for), when it exists. */
  period: { id: number; status: string; planId: number } | null;
  /** The order, turned paid only when every check passed. */
  claimed: { id: number; sellerId: number; kind: "personal" | "retail"; pv: number; cvCents: number } | null;
}

const unpaid = sql.raw([...unpaidStatuses, "expired"].map((s) => `'${s}'`).join(", "));

/**
 * One round trip: each confirmation's order as it stands and, for each whose
 * checks pass, the order turned paid in its period. An expired order is paid
 * too: its buyer paid (a provider's late confirmation), so it counts. Of two
 * confirmations of one order in two transactions, the second waits for the
 * first's row lock, then finds it paid and changes nothing. Each batch size is
 * a statement text of its own, prepared once per connection.
 */
async function attemptClaims(tx: Tx, attempts: { job: PaymentJob; periodId?: number }[]): Promise<ClaimAttempt[]> {
  const blocks = attempts.map(({ job: { input, at }, periodId }, k) => {
    const name = (cte: string) => sql.raw(`a${k}_${cte}`);
    const [current, period, o] = ["current", "period", "o"].map(name) as [SQL, SQL, SQL];
    const month = monthOf(at).startsOn;
    const periodSql =
      periodId === undefined
        ? sql`select id, status, plan_id from commission_periods where starts_on <= ${month}::date and ends_on > ${month}::date limit 1`
        : sql`select id, status, plan_id from commission_periods where id = ${periodId}`;
    const ctes = sql`${current} as (select status, total_cents, payment_provider, period_id from orders where id = ${input.orderId}),
      ${period} as (${periodSql}),
      ${o} as (
        update orders set status = 'paid', period_id = (select id from ${period}), paid_at = ${at.toISOString()}::timestamptz,
          payment_reference = ${input.reference}, payment_error = null, expires_at = null
        where id = ${input.orderId} and status in (${unpaid}) and total_cents = ${input.amountCents} and payment_provider = ${input.provider}
          and (select status from ${period}) = 'open'
        returning id, seller_id, kind, pv, cv_cents
      )`;
    const result = sql`json_build_object(
        'current', (select json_build_object('status', status, 'totalCents', total_cents, 'provider', payment_provider, 'periodId', period_id) from ${current}),
        'period', (select json_build_object('id', id, 'status', status, 'planId', plan_id) from ${period}),
        'claimed', (select json_build_object('id', id, 'sellerId', seller_id, 'kind', kind, 'pv', pv, 'cvCents', cv_cents) from ${o}))`;
    return { ctes, result };
  });
  const [row] = await queryPrepared<{ attempts: ClaimAttempt[] }>(
    tx,
    sql`with ${sql.join(
      blocks.map((b) => b.ctes),
      sql`, `,
    )} select json_build_array(${sql.join(
      blocks.map((b) => b.result),
      sql`, `,
    )}) as attempts`,
  );
  return row!.attempts;
}

/**
 * The claims of several confirmations (one round trip for all, outside the
 * ledger lock). Each job's outcome, in order: the order already paid (nothing
 * new), the OrderError refusing it (nothing written), or null when its order,
 * now paid, waits on the job for the ledger. A second confirmation of one order
 * in the same batch finds it paid by the first.
 */
export async function claimPayments(tx: Tx, jobs: PaymentJob[]): Promise<(Outcome | null)[]> {
  const firsts = new Map<number, PaymentJob>();
  for (const job of jobs) if (!firsts.has(job.input.orderId)) firsts.set(job.input.orderId, job);
  const unique = [...firsts.values()];
  const attempts = await attemptClaims(
    tx,
    unique.map((job) => ({ job })),
  );
  const outcomes = new Map<PaymentJob, Outcome | null>();
  for (const [k, job] of unique.entries()) {
    try {
      outcomes.set(job, await settleClaim(tx, job, attempts[k]!));
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      outcomes.set(job, { error });
    }
  }
  return jobs.map((job) => {
    const first = firsts.get(job.input.orderId)!;
    if (first === job) return outcomes.get(job)!;
    const outcome = outcomes.get(first)!;
    if (outcome && "error" in outcome) return outcome;
    const periodId = first.period?.id ?? (outcome ? outcome.paid.periodId : 0);
    return { paid: { orderId: job.input.orderId, confirmed: false, deferred: false, periodId } };
  });
}

/** Reads one claim: its refusal (thrown), the order already paid, or null with the newly paid order on the job. */
async function settleClaim(tx: Tx, job: PaymentJob, first: ClaimAttempt): Promise<Outcome | null> {
  const { input } = job;
  let attempt = first;
  for (;;) {
    if (attempt.claimed) break;
    const current = attempt.current;
    if (!current) throw new OrderError("This order does not exist.");
    if (current.status === "paid") return { paid: { orderId: input.orderId, confirmed: false, deferred: false, periodId: current.periodId! } };
    if (current.status === "refunded" || current.status === "cancelled") throw new OrderError(`This order is already ${current.status}.`);
    if (current.provider !== input.provider) throw new OrderError("This order is not paid through this payment provider.");
    if (current.totalCents !== input.amountCents) throw new OrderError("The amount paid is not the order's total.");
    if (attempt.period?.status === "open") {
      // Unpaid at the statement's start, paid by a concurrent confirmation since: read it again.
      const [now] = await tx.select({ status: orders.status, periodId: orders.periodId }).from(orders).where(eq(orders.id, input.orderId));
      attempt = { ...attempt, current: { ...current, status: now!.status, periodId: now!.periodId } };
      if (now!.status !== current.status) continue;
      throw new Error(`order ${input.orderId} could not be claimed for payment`);
    }
    // The month's period is missing or closed (rare): find or open the period, then try again.
    [attempt] = (await attemptClaims(tx, [{ job, periodId: (await openPeriodFor(tx, job.at)).id }])) as [ClaimAttempt];
  }
  job.order = attempt.claimed;
  job.period = attempt.period!;
  return null;
}
