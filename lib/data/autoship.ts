import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { PaymentProviderId, ShippingAddress, SubscriptionRunStatus, SubscriptionStatus } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { getAutoshipBrief } from "@/lib/autoship/brief";
import { autoshipCardState, type AutoshipCardState } from "@/lib/autoship/card-state";
import { AutoshipError, changeCard, describeCardChange } from "@/lib/autoship/manage";
import { quoteSubscriptions, type AutoshipQuote } from "@/lib/autoship/quote";
import { verifySkipToken } from "@/lib/autoship/skip-token";
import { now } from "@/lib/clock";
import { receiptPath, receiptTokenOf } from "@/lib/orders/receipts";
import { authSecret } from "@/lib/env";
import { activeProvider } from "@/lib/payments";
import { PaymentError } from "@/lib/payments/provider";

export interface AutoshipRunDto {
  cycle: string;
  status: SubscriptionRunStatus;
  orderId: number | null;
  /** Where the run's order is shown to its owner (their order page, or a customer's receipt). */
  href: string | null;
  totalCents: number | null;
  pv: number | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface AutoshipDto {
  id: number;
  status: SubscriptionStatus;
  dayOfMonth: number;
  /** The date of the next run ("2026-12-15"). */
  nextRunOn: string;
  shippingAddress: ShippingAddress;
  card: { provider: "demo" | "stripe"; brand: string; last4: string; expMonth: number; expYear: number };
  /** The next order at today's prices. */
  quote: AutoshipQuote;
  /** Newest first. */
  runs: AutoshipRunDto[];
}

/** The activity minimum of the plan in force (latest version): what autoship's PV is measured against. */
export async function currentActiveMinPv(): Promise<number> {
  // Shown only in the portal: the session is checked here too, as every read of this layer does.
  await requireUser();
  const db = await getDb();
  const [row] = await queryRows<{ active_min_pv: number }>(db, sql`select active_min_pv from compensation_plans order by version desc, id desc limit 1`);
  return row?.active_min_pv ?? 0;
}

/**
 * The dashboard's autoship card for the signed-in member, measured against the
 * activity minimum of the plan in force; null for a viewer without a live
 * distributor account (an administrator, an unverified or terminated member).
 */
export async function getMyAutoshipCard(): Promise<AutoshipCardState | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null || viewer.terminated) return null;
  const db = await getDb();
  const [brief, activeMinPv] = await Promise.all([getAutoshipBrief(db, viewer.distributorId), currentActiveMinPv()]);
  return autoshipCardState(brief, activeMinPv);
}

/** The signed-in member's autoship (the one not cancelled), or null. Only ever their own. */
export async function getMyAutoship(): Promise<AutoshipDto | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return null;
  return readAutoship(await getDb(), sql`s.distributor_id = ${viewer.distributorId} and s.status <> 'cancelled'`);
}

/**
 * One autoship as its owner sees it, found by `where` (on subscriptions s):
 * the caller has decided it is the viewer's (their session, or a customer's
 * signed link). A run's order links to the member's order page, or to the
 * customer's receipt.
 */
export async function readAutoship(db: Database, where: SQL): Promise<AutoshipDto | null> {
  const [row] = await queryRows<{
    id: number;
    status: SubscriptionStatus;
    day_of_month: number;
    next_run_on: string;
    shipping_address: ShippingAddress;
    customer: boolean;
    provider: "demo" | "stripe";
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
  }>(
    db,
    sql`select s.id, s.status, s.day_of_month, s.next_run_on::text as next_run_on, s.shipping_address, s.source_order_id is not null as customer,
               m.provider, m.brand, m.last4, m.exp_month, m.exp_year
        from subscriptions s join payment_methods m on m.id = s.payment_method_id
        where ${where}`,
  );
  if (!row) return null;
  const [quotes, runs] = await Promise.all([
    quoteSubscriptions(db, [row.id]),
    queryRows<{
      cycle: string;
      status: SubscriptionRunStatus;
      order_id: number | null;
      total_cents: number | null;
      pv: number | null;
      attempts: number;
      last_error: string | null;
      next_attempt_at: string | null;
      idempotency_key: string | null;
      receipt_token_hash: string | null;
    }>(
      db,
      sql`select r.cycle::text as cycle, r.status, r.order_id, r.total_cents::float8 as total_cents, r.pv, r.attempts, r.last_error,
                 to_char(r.next_attempt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as next_attempt_at, o.idempotency_key, o.receipt_token_hash
          from subscription_runs r left join orders o on o.id = r.order_id
          where r.subscription_id = ${row.id} order by r.cycle desc limit 24`,
    ),
  ]);
  const quote = quotes.get(row.id) ?? { lines: [], subtotalCents: 0, shippingCents: null, totalCents: 0, pv: 0, currency: "USD" };
  const hrefOf = (r: (typeof runs)[number]): string | null => {
    if (r.order_id === null) return null;
    if (!row.customer) return `/dashboard/orders/${r.order_id}`;
    const token = receiptTokenOf({ idempotencyKey: r.idempotency_key, receiptTokenHash: r.receipt_token_hash });
    return token ? receiptPath(token) : null;
  };
  return {
    id: row.id,
    status: row.status,
    dayOfMonth: row.day_of_month,
    nextRunOn: row.next_run_on,
    shippingAddress: row.shipping_address,
    card: { provider: row.provider, brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year },
    quote,
    runs: runs.map((r) => ({
      cycle: r.cycle,
      status: r.status,
      orderId: r.order_id,
      href: hrefOf(r),
      totalCents: r.total_cents,
      pv: r.pv,
      attempts: r.attempts,
      lastError: r.last_error,
      nextAttemptAt: r.next_attempt_at,
    })),
  };
}

/** `customer`: a retail customer's autoship (managed with the link in their emails, not in the portal; no PV). */
export type SkipLinkDto =
  | { state: "invalid" }
  /** The run can be skipped: what it would have been. */
  | { state: "skippable"; cycle: string; quote: AutoshipQuote; customer: boolean }
  /** Skipped already (this link used before, or in the portal). */
  | { state: "skipped"; cycle: string; nextRunOn: string; customer: boolean }
  /** Too late, or the autoship changed since the reminder: nothing to skip. */
  | { state: "gone"; cycle: string; why: string; customer: boolean };

/** What a reminder's skip link names (a signed token: no sign-in needed, and it reaches that one run only). */
export async function getSkipLink(token: string, today: string): Promise<SkipLinkDto> {
  const named = typeof token === "string" && token.length <= 80 ? verifySkipToken(authSecret(), token) : null;
  if (!named) return { state: "invalid" };
  const db = await getDb();
  const [row] = await queryRows<{ status: SubscriptionStatus; next_run_on: string; run_status: SubscriptionRunStatus | null; customer: boolean }>(
    db,
    sql`select s.status, s.next_run_on::text as next_run_on, r.status as run_status, s.source_order_id is not null as customer
        from subscriptions s left join subscription_runs r on r.subscription_id = s.id and r.cycle = ${named.cycle}::date
        where s.id = ${named.subscriptionId}`,
  );
  if (!row) return { state: "invalid" };
  const { customer } = row;
  if (row.run_status === "skipped") return { state: "skipped", cycle: named.cycle, nextRunOn: row.next_run_on, customer };
  if (row.status !== "active") return { state: "gone", cycle: named.cycle, why: `This autoship is ${row.status}: there is no order to skip.`, customer };
  if (row.run_status !== null || named.cycle <= today)
    return { state: "gone", cycle: named.cycle, why: "This order has started: it can no longer be skipped.", customer };
  if (row.next_run_on !== named.cycle)
    return { state: "gone", cycle: named.cycle, why: "This autoship's dates have changed since the reminder was sent.", customer };
  const quote = (await quoteSubscriptions(db, [named.subscriptionId])).get(named.subscriptionId);
  if (!quote) return { state: "invalid" };
  return { state: "skippable", cycle: named.cycle, quote, customer };
}

export interface SavedCardDto {
  methodId: number;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/**
 * The signed-in member's latest card saved with this provider that a new
 * autoship can be charged to: not replaced, not expired. (A card saved on the
 * provider's page before starting, or the card of an autoship they cancelled.)
 */
export async function getMyReadyCard(provider: PaymentProviderId): Promise<SavedCardDto | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return null;
  const at = now();
  const db = await getDb();
  const [row] = await queryRows<{ id: number; brand: string; last4: string; exp_month: number; exp_year: number }>(
    db,
    sql`select id, brand, last4, exp_month, exp_year from payment_methods
        where distributor_id = ${viewer.distributorId} and provider = ${provider} and removed_at is null
          and make_date(exp_year, exp_month, 1) + interval '1 month' > (${at.toISOString()}::timestamptz at time zone 'UTC')
        order by id desc limit 1`,
  );
  return row ? { methodId: row.id, brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year } : null;
}

/**
 * Back from the provider's page where the member saved a card (`card_session`
 * in the address): records the card if that save is theirs and complete and,
 * when they saved it for their running autoship, charges the autoship to it
 * (which restarts a stopped one and retries a declined run). The webhook does
 * the same; whichever comes first, the other changes nothing. Null when there
 * is nothing to say (no such save of theirs).
 */
export async function finishMyCardSave(session: string): Promise<{ ok: boolean; message: string } | null> {
  const viewer = await requireUser();
  const provider = activeProvider();
  if (viewer.distributorId === null || typeof session !== "string" || session.length > 255 || !provider?.finishCardSave) return null;
  const db = await getDb();
  const at = now();
  let saved;
  try {
    saved = await provider.finishCardSave(db, { distributorId: viewer.distributorId, session }, at);
  } catch (error) {
    if (error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
  if (!saved) return { ok: false, message: "No card was saved. Save a card with Stripe to use it for autoship." };
  const card = `${saved.brand} ending ${saved.last4}`;
  if (saved.subscriptionId === null) return { ok: true, message: `${card} is saved. Now choose what you receive and when, and start your autoship.` };
  try {
    const done = await changeCard(db, { distributorId: viewer.distributorId, subscriptionId: saved.subscriptionId, methodId: saved.methodId, at });
    return { ok: true, message: `${describeCardChange(done)} (${card})` };
  } catch (error) {
    if (error instanceof AutoshipError) return { ok: false, message: `${card} is saved, but your autoship was not changed: ${error.message}` };
    throw error;
  }
}
