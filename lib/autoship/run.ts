import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { PaymentProviderId, ShippingAddress, SubscriptionRunStatus, SubscriptionStatus } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { settleAfterPaymentInBackground } from "@/lib/orders/after-payment";
import { confirmPayment } from "@/lib/orders/confirm";
import { createOrder } from "@/lib/orders/create";
import { OrderError } from "@/lib/orders/errors";
import { receiptTokenFor } from "@/lib/orders/receipts";
import { providerFor } from "@/lib/payments";
import type { SavedCardOutcome } from "@/lib/payments/provider";
import { dateOf, runAfter } from "./cycle";
import { notifyRunDeclined, notifyRunFailed } from "./notices";

export const AUTOSHIP_RUN = "autoship.run";

/** Days after a run's first attempt that a declined charge is tried again; after the last, the run has failed. */
export const RETRY_DAYS = [1, 3, 5];

/** The job key of a cycle's first attempt; its retries add ":attempt:<n>", a retry after a card change ":card:<id>". */
export const runJobKey = (subscriptionId: number, cycle: string) => `${AUTOSHIP_RUN}:${subscriptionId}:${cycle}`;

export interface RunJobPayload {
  subscriptionId: number;
  cycle: string;
  /** The attempt this job makes (1: the scheduled run); absent for a retry after a card change. */
  attempt?: number;
}

export type RunResult =
  | { kind: "paid"; orderId: number }
  | { kind: "declined"; orderId: number; retryAt: Date | null }
  | { kind: "failed"; reason: string }
  /** Nothing to do: the cycle ran, was skipped, is being charged by another job, or the subscription is not active. */
  | { kind: "nothing"; why: string };

interface Claim {
  status: SubscriptionStatus;
  seller_id: number;
  /** A retail customer's autoship: the first order's buyer (null: a member's, personal orders). */
  customer_name: string | null;
  customer_email: string | null;
  source_order_id: number | null;
  day_of_month: number;
  next_run_on: string;
  shipping_address: ShippingAddress;
  method_provider: PaymentProviderId;
  method_reference: string;
  method_customer: string | null;
  last4: string;
  exp_month: number;
  exp_year: number;
  run_id: number | null;
  run_status: SubscriptionRunStatus | null;
  run_attempts: number | null;
  run_charge_key: string | null;
  run_created_at: string | null;
  run_order_id: number | null;
}

/**
 * Runs one cycle of a subscription, as the job `key` (its charge's idempotency
 * key). The first attempt makes the cycle's run row (unique per subscription
 * and cycle) and moves the subscription to its next date, in one transaction;
 * then it makes the cycle's order (idempotent on subscription and cycle)
 * through the ordinary order path and charges the saved card. A paid charge
 * confirms the order (it counts from then); a decline is tried again on
 * RETRY_DAYS, and the owner is told each time. Safe to repeat: a job resumed
 * after a crash finds its own claim and charges with the same key; any other
 * job finds the run taken or done and does nothing.
 */
export async function runSubscriptionCycle(db: Database, input: RunJobPayload & { key: string; at: Date }): Promise<RunResult> {
  const { subscriptionId, cycle, at } = input;
  const today = dateOf(at);
  type Claimed = { nothing: string } | { row: Claim; runId: number; attempt: number; firstAt: Date };
  const claimed = await db.transaction(async (tx): Promise<Claimed> => {
    const [row] = await queryRows<Claim>(
      tx,
      sql`select s.status, s.seller_id, s.source_order_id, so.customer_name, so.customer_email, s.day_of_month, s.next_run_on::text as next_run_on, s.shipping_address,
                 m.provider as method_provider, m.reference as method_reference, m.customer_reference as method_customer,
                 m.last4, m.exp_month, m.exp_year,
                 r.id as run_id, r.status as run_status, r.attempts as run_attempts, r.charge_key as run_charge_key,
                 r.created_at::text as run_created_at, r.order_id as run_order_id
          from subscriptions s
          join payment_methods m on m.id = s.payment_method_id
          left join subscription_runs r on r.subscription_id = s.id and r.cycle = ${cycle}::date
          left join orders so on so.id = s.source_order_id
          where s.id = ${subscriptionId}
          for update of s`,
    );
    if (!row) return { nothing: "no such subscription" };
    if (row.run_id === null) {
      // The first attempt: only for the subscription's next date while it is active (a skip or a pause moved or held it).
      if (row.status !== "active") return { nothing: `the subscription is ${row.status}` };
      if (row.next_run_on !== cycle) return { nothing: `the next run is on ${row.next_run_on}` };
      const [run] = await queryRows<{ id: number }>(
        tx,
        sql`insert into subscription_runs (subscription_id, cycle, status, attempts, charge_key, created_at, updated_at)
            values (${subscriptionId}, ${cycle}::date, 'charging', 1, ${input.key}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)
            returning id`,
      );
      await tx.execute(
        sql`update subscriptions set next_run_on = ${runAfter(row.day_of_month, cycle, today)}::date, updated_at = ${at.toISOString()}::timestamptz
            where id = ${subscriptionId}`,
      );
      return { row, runId: run!.id, attempt: 1, firstAt: at };
    }
    const firstAt = new Date(row.run_created_at!);
    if (row.run_status === "charging") {
      // Another job's charge is in flight, unless it is this job's own, resumed after a crash.
      if (row.run_charge_key !== input.key) return { nothing: "another attempt is being charged" };
      return { row, runId: row.run_id, attempt: row.run_attempts!, firstAt };
    }
    if (row.run_status !== "retrying") return { nothing: `this cycle's run is ${row.run_status}` };
    // A scheduled retry whose turn has passed (a card change retried meanwhile) would charge out of turn.
    if (input.attempt !== undefined && input.attempt !== row.run_attempts! + 1) return { nothing: "a later attempt was made meanwhile" };
    if (row.status === "cancelled" || row.status === "paused") {
      await markRun(tx, row.run_id, "failed", at, { lastError: `Not retried: the autoship was ${row.status}.` });
      return { nothing: `the subscription is ${row.status}` };
    }
    const attempt = row.run_attempts! + 1;
    await tx.execute(
      sql`update subscription_runs set status = 'charging', attempts = ${attempt}, charge_key = ${input.key}, next_attempt_at = null,
            updated_at = ${at.toISOString()}::timestamptz
          where id = ${row.run_id}`,
    );
    return { row, runId: row.run_id, attempt, firstAt };
  });
  if ("nothing" in claimed) return { kind: "nothing", why: claimed.nothing };
  const { row, runId, attempt, firstAt } = claimed;

  // The cycle's order: made once (its idempotency key), from the items and address as they are at the first attempt.
  let order: { orderId: number; totalCents: number };
  try {
    order = await makeOrder(db, { subscriptionId, cycle, claim: row, at });
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    const reason = `The order could not be made: ${error.message}`;
    await finishFailed(db, { subscriptionId, runId, cycle, reason, at, suspend: false });
    return { kind: "failed", reason };
  }
  const [figures] = await queryRows<{ pv: number; currency: string }>(
    db,
    sql`update subscription_runs set order_id = ${order.orderId}, total_cents = ${order.totalCents}, pv = (select pv from orders where id = ${order.orderId}),
            updated_at = ${at.toISOString()}::timestamptz
        where id = ${runId}
        returning pv, (select currency from company where id = 1) as currency`,
  );

  const provider = providerFor(row.method_provider);
  const outcome: SavedCardOutcome = await provider.chargeSaved(db, {
    order: { id: order.orderId, totalCents: order.totalCents, currency: figures!.currency, description: `Autoship order #${order.orderId} (${cycle})` },
    card: { reference: row.method_reference, customerReference: row.method_customer, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year },
    idempotencyKey: input.key,
    at,
  });

  if (outcome.kind === "succeeded") {
    let paid;
    try {
      paid = await confirmPayment(db, {
        orderId: order.orderId,
        provider: row.method_provider,
        reference: outcome.reference,
        amountCents: outcome.amountCents,
        at,
      });
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      // The charge went through but the order refuses it (expired meanwhile): give the money back.
      await provider.refund(db, { orderId: order.orderId, reference: outcome.reference, amountCents: outcome.amountCents, currency: figures!.currency }, at);
      const reason = `The payment could not be matched to the order and was refunded: ${error.message}`;
      await finishFailed(db, { subscriptionId, runId, cycle, reason, at, suspend: false });
      return { kind: "failed", reason };
    }
    await markRun(db, runId, "paid", at, {});
    settleAfterPaymentInBackground(db, paid);
    return { kind: "paid", orderId: order.orderId };
  }

  // Declined: the order waits for the retry (its payment window is stretched to it), or the run has failed.
  const retryAt = attempt <= RETRY_DAYS.length ? new Date(firstAt.getTime() + RETRY_DAYS[attempt - 1]! * 86_400_000) : null;
  await db.execute(
    sql`update orders set status = 'payment_failed', payment_error = ${outcome.message},
          expires_at = greatest(expires_at, ${(retryAt ?? at).toISOString()}::timestamptz + interval '1 day')
        where id = ${order.orderId} and status in ('pending_payment', 'payment_failed')`,
  );
  if (retryAt === null) {
    await finishFailed(db, { subscriptionId, runId, cycle, reason: outcome.message, at, suspend: true });
    return { kind: "declined", orderId: order.orderId, retryAt: null };
  }
  await db.transaction(async (tx) => {
    await markRun(tx, runId, "retrying", at, { lastError: outcome.message, nextAttemptAt: retryAt });
    await enqueueJob(tx, {
      kind: AUTOSHIP_RUN,
      key: `${runJobKey(subscriptionId, cycle)}:attempt:${attempt + 1}`,
      payload: { subscriptionId, cycle, attempt: attempt + 1 },
      at,
      runAt: retryAt,
    });
    await notifyRunDeclined(tx, { subscriptionId, cycle, attempt, message: outcome.message, retryAt, at });
  });
  return { kind: "declined", orderId: order.orderId, retryAt };
}

/**
 * The cycle's order: a member's is a personal order; a retail customer's is a
 * retail order sold by their distributor, in their name, with a receipt link
 * (emailed with its receipt once paid, as any guest order's).
 */
async function makeOrder(db: Database, input: { subscriptionId: number; cycle: string; claim: Claim; at: Date }) {
  const { claim } = input;
  const items = await queryRows<{ productId: number; quantity: number }>(
    db,
    sql`select product_id as "productId", quantity from subscription_items where subscription_id = ${input.subscriptionId} order by product_id`,
  );
  const idempotencyKey = `autoship:${input.subscriptionId}:${input.cycle}`;
  const customer = claim.source_order_id !== null && claim.customer_email ? { name: claim.customer_name ?? "", email: claim.customer_email } : null;
  return createOrder(db, {
    sellerId: claim.seller_id,
    kind: customer ? "retail" : "personal",
    items,
    idempotencyKey,
    shippingAddress: claim.shipping_address,
    provider: claim.method_provider,
    ...(customer ? { customer, receiptTokenHash: receiptTokenFor(idempotencyKey).hash } : {}),
    at: input.at,
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function markRun(
  db: Database | Tx,
  runId: number,
  status: SubscriptionRunStatus,
  at: Date,
  extra: { lastError?: string; nextAttemptAt?: Date },
): Promise<void> {
  await db.execute(
    sql`update subscription_runs set status = ${status}, charge_key = null, updated_at = ${at.toISOString()}::timestamptz,
          last_error = ${extra.lastError ?? null}, next_attempt_at = ${extra.nextAttemptAt?.toISOString() ?? null}::timestamptz
        where id = ${runId}`,
  );
}

/** The run has failed for good; `suspend`: the card kept declining, so the subscription waits for a new card. */
async function finishFailed(
  db: Database,
  input: { subscriptionId: number; runId: number; cycle: string; reason: string; at: Date; suspend: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    await markRun(tx, input.runId, "failed", input.at, { lastError: input.reason });
    if (input.suspend) {
      await tx.execute(
        sql`update subscriptions set status = 'failed', updated_at = ${input.at.toISOString()}::timestamptz where id = ${input.subscriptionId} and status = 'active'`,
      );
    }
    await notifyRunFailed(tx, { ...input });
  });
}
