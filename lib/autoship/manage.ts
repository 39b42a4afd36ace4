import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import type { PaymentProviderId, ShippingAddress, SubscriptionStatus } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import type { CardOwner } from "@/lib/payments/provider";
import type { Executor } from "@/lib/ledger/db";
import { dateOf, formatRunDate, nextRunDate } from "./cycle";
import { AUTOSHIP_RUN, runJobKey } from "./run";

// What an owner does with their autoship. Every function takes the owner (a
// member's distributor id, or a retail customer's first order) and changes only
// a subscription of theirs: the caller (a server action) has checked the
// session, or the customer's signed link; ownership is checked here, in SQL.

/** A refusal the member can act on; its message is safe to show. */
export class AutoshipError extends Error {
  override name = "AutoshipError";
}

export interface AutoshipItem {
  productId: number;
  quantity: number;
}

/**
 * Whose autoship: a member's, or a retail customer's, named by the guest order
 * it was started from (a customer has no account; the caller has checked that
 * order's receipt link or the autoship's manage link).
 */
export type AutoshipOwner = { distributorId: number } | { sourceOrderId: number };

/** The autoship owner of a saved card's owner: a customer's cards belong to the guest order their autoship started from. */
export const autoshipOwnerOfCard = (owner: CardOwner): AutoshipOwner =>
  "distributorId" in owner ? { distributorId: owner.distributorId } : { sourceOrderId: owner.orderId };

const ownedBy = (owner: AutoshipOwner) =>
  "distributorId" in owner ? sql`distributor_id = ${owner.distributorId}` : sql`source_order_id = ${owner.sourceOrderId}`;
const cardOf = (owner: AutoshipOwner) => ("distributorId" in owner ? sql`distributor_id = ${owner.distributorId}` : sql`order_id = ${owner.sourceOrderId}`);

async function checkItems(db: Executor, items: readonly AutoshipItem[], owner: AutoshipOwner): Promise<void> {
  if (items.length === 0) throw new AutoshipError("Choose at least one product for your autoship.");
  if (items.length > 50) throw new AutoshipError("An autoship holds at most 50 different products.");
  if (!items.every((i) => Number.isInteger(i.quantity) && i.quantity >= 1 && i.quantity <= 99)) throw new AutoshipError("Quantities must be between 1 and 99.");
  if (new Set(items.map((i) => i.productId)).size !== items.length) throw new AutoshipError("A product is listed twice.");
  if ("sourceOrderId" in owner) {
    // A customer's monthly order is a guest order: it keeps within the guest checkout's size.
    const [limit] = await queryRows<{ max_units: number }>(db, sql`select guest_max_units as max_units from checkout_settings where id = 1`);
    const units = items.reduce((sum, i) => sum + i.quantity, 0);
    if (limit && units > limit.max_units) throw new AutoshipError(`An order holds at most ${limit.max_units} items. Lower the quantities.`);
  }
  const [found] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from products where active and id = any(${pgArray(items.map((i) => i.productId))}::int[])`,
  );
  if (found!.n !== items.length) throw new AutoshipError("A product you chose is no longer available. Reload the page and choose again.");
}

async function checkShipping(db: Executor, address: ShippingAddress): Promise<void> {
  const [rate] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from shipping_rates where country = ${address.country}`);
  if (rate!.n === 0) throw new AutoshipError("We do not ship to this country yet. Choose another shipping country.");
}

async function checkMethod(db: Executor, owner: AutoshipOwner, methodId: number): Promise<void> {
  const [method] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from payment_methods where id = ${methodId} and ${cardOf(owner)} and removed_at is null`,
  );
  if (method!.n === 0) throw new AutoshipError(`This card is not saved ${"distributorId" in owner ? "on your account" : "for your autoship"}. Save it again.`);
}

/**
 * The first date on `day` after today that no run of this subscription has
 * taken the month of: changing the day after this month's run waits for next
 * month, so a month never has two runs.
 */
async function nextFreeDate(db: Executor, subscriptionId: number | null, day: number, today: string): Promise<string> {
  let candidate = nextRunDate(day, today);
  if (subscriptionId === null) return candidate;
  const months = await queryRows<{ month: string }>(
    db,
    sql`select distinct to_char(cycle, 'YYYY-MM') as month from subscription_runs where subscription_id = ${subscriptionId} and cycle >= ${today}::date - 31`,
  );
  const taken = new Set(months.map((m) => m.month));
  while (taken.has(candidate.slice(0, 7))) candidate = nextRunDate(day, candidate);
  return candidate;
}

/** Refuses (AutoshipError) unless the member has this subscription, not cancelled: checked before a card is saved for it. */
export async function checkOwnSubscription(db: Executor, owner: AutoshipOwner, subscriptionId: number): Promise<void> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from subscriptions where id = ${subscriptionId} and ${ownedBy(owner)} and status <> 'cancelled'`,
  );
  if (row!.n === 0) throw new AutoshipError("This autoship does not exist or is cancelled. Reload the page.");
}

const alreadyMessage = "You already have an autoship: change it instead of starting another.";

/** Refuses (AutoshipError) when the member already has an autoship: checked before a card is saved for a new one. */
export async function checkNoSubscription(db: Executor, distributorId: number): Promise<void> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from subscriptions where distributor_id = ${distributorId} and status <> 'cancelled'`,
  );
  if (row!.n > 0) throw new AutoshipError(alreadyMessage);
}

/** Deletes a demo card saved with a new autoship's form when the autoship was then refused: nothing refers to it. */
export async function forgetUnusedCard(db: Executor, methodId: number): Promise<void> {
  await db.execute(
    sql`delete from payment_methods where id = ${methodId} and provider = 'demo'
          and not exists (select 1 from subscriptions where payment_method_id = ${methodId})`,
  );
}

/** Starts a member's autoship; its first run is on `dayOfMonth` after today. Refused when they have one already. */
export async function createSubscription(
  db: Database,
  input: { distributorId: number; items: AutoshipItem[]; dayOfMonth: number; address: ShippingAddress; methodId: number; at: Date },
): Promise<{ subscriptionId: number; nextRunOn: string }> {
  checkDay(input.dayOfMonth);
  return db.transaction(async (tx) => {
    await checkItems(tx, input.items, input);
    await checkShipping(tx, input.address);
    await checkMethod(tx, input, input.methodId);
    const nextRunOn = nextRunDate(input.dayOfMonth, dateOf(input.at));
    const iso = input.at.toISOString();
    const [made] = await queryRows<{ id: number }>(
      tx,
      sql`insert into subscriptions (distributor_id, seller_id, day_of_month, status, payment_method_id, shipping_address, next_run_on, created_at, updated_at)
          values (${input.distributorId}, ${input.distributorId}, ${input.dayOfMonth}, 'active', ${input.methodId}, ${JSON.stringify(input.address)}::jsonb, ${nextRunOn}::date,
                  ${iso}::timestamptz, ${iso}::timestamptz)
          on conflict do nothing
          returning id`,
    );
    if (!made) throw new AutoshipError(alreadyMessage);
    await insertItems(tx, made.id, input.items);
    return { subscriptionId: made.id, nextRunOn };
  });
}

function checkDay(day: number): void {
  if (!Number.isInteger(day) || day < 1 || day > 28) throw new AutoshipError("Choose a day of the month from 1 to 28.");
}

async function insertItems(db: Executor, subscriptionId: number, items: readonly AutoshipItem[]): Promise<void> {
  await db.execute(
    sql`insert into subscription_items (subscription_id, product_id, quantity)
        select ${subscriptionId}, p, q from unnest(${pgArray(items.map((i) => i.productId))}::int[], ${pgArray(items.map((i) => i.quantity))}::int[]) as t(p, q)`,
  );
}

interface Owned {
  id: number;
  status: SubscriptionStatus;
  day_of_month: number;
  next_run_on: string;
}

/** The owner's subscription (not cancelled), locked for the change; AutoshipError when they have none. */
async function lockOwn(db: Executor, owner: AutoshipOwner, subscriptionId: number): Promise<Owned> {
  const [row] = await queryRows<Owned>(
    db,
    sql`select id, status, day_of_month, next_run_on::text as next_run_on from subscriptions
        where id = ${subscriptionId} and ${ownedBy(owner)} and status <> 'cancelled'
        for update`,
  );
  if (!row) throw new AutoshipError("This autoship does not exist or is cancelled. Reload the page.");
  return row;
}

const touch = (db: Executor, id: number, at: Date) => db.execute(sql`update subscriptions set updated_at = ${at.toISOString()}::timestamptz where id = ${id}`);

export async function changeItems(db: Database, input: AutoshipOwner & { subscriptionId: number; items: AutoshipItem[]; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOwn(tx, input, input.subscriptionId);
    await checkItems(tx, input.items, input);
    await tx.execute(sql`delete from subscription_items where subscription_id = ${input.subscriptionId}`);
    await insertItems(tx, input.subscriptionId, input.items);
    await touch(tx, input.subscriptionId, input.at);
  });
}

export async function changeAddress(db: Database, input: AutoshipOwner & { subscriptionId: number; address: ShippingAddress; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOwn(tx, input, input.subscriptionId);
    await checkShipping(tx, input.address);
    await tx.execute(
      sql`update subscriptions set shipping_address = ${JSON.stringify(input.address)}::jsonb, updated_at = ${input.at.toISOString()}::timestamptz
          where id = ${input.subscriptionId}`,
    );
  });
}

/** Moves the autoship to another day of the month; returns its next date. */
export async function changeDay(db: Database, input: AutoshipOwner & { subscriptionId: number; dayOfMonth: number; at: Date }): Promise<string> {
  checkDay(input.dayOfMonth);
  return db.transaction(async (tx) => {
    const own = await lockOwn(tx, input, input.subscriptionId);
    const next = await nextFreeDate(tx, own.id, input.dayOfMonth, dateOf(input.at));
    await tx.execute(
      sql`update subscriptions set day_of_month = ${input.dayOfMonth}, next_run_on = ${next}::date, updated_at = ${input.at.toISOString()}::timestamptz
          where id = ${own.id}`,
    );
    return next;
  });
}

/**
 * Charges the autoship to another saved card. A stopped autoship (its card kept
 * declining) starts again from its next date; a run waiting for a retry is
 * tried on the new card at once. Returns what happens next.
 */
export async function changeCard(
  db: Database,
  input: AutoshipOwner & { subscriptionId: number; methodId: number; at: Date },
): Promise<{ restarted: boolean; retrying: boolean; nextRunOn: string }> {
  return db.transaction(async (tx) => {
    const own = await lockOwn(tx, input, input.subscriptionId);
    await checkMethod(tx, input, input.methodId);
    const today = dateOf(input.at);
    const restarted = own.status === "failed";
    const nextRunOn = restarted && own.next_run_on <= today ? await nextFreeDate(tx, own.id, own.day_of_month, today) : own.next_run_on;
    const iso = input.at.toISOString();
    await tx.execute(
      sql`update payment_methods set removed_at = ${iso}::timestamptz
          where id = (select payment_method_id from subscriptions where id = ${own.id}) and id <> ${input.methodId} and removed_at is null`,
    );
    await tx.execute(
      sql`update subscriptions set payment_method_id = ${input.methodId}, next_run_on = ${nextRunOn}::date,
            status = case when status = 'failed' then 'active' else status end, updated_at = ${iso}::timestamptz
          where id = ${own.id}`,
    );
    const [retrying] = await queryRows<{ cycle: string }>(
      tx,
      sql`select cycle::text as cycle from subscription_runs where subscription_id = ${own.id} and status = 'retrying' order by cycle desc limit 1`,
    );
    if (retrying) {
      await enqueueJob(tx, {
        kind: AUTOSHIP_RUN,
        key: `${runJobKey(own.id, retrying.cycle)}:card:${input.methodId}`,
        payload: { subscriptionId: own.id, cycle: retrying.cycle },
        at: input.at,
      });
    }
    return { restarted, retrying: retrying !== undefined, nextRunOn };
  });
}

/** What the member is told once their autoship is charged to a new card (changeCard's answer). */
export function describeCardChange(done: { restarted: boolean; retrying: boolean; nextRunOn: string }): string {
  if (done.retrying) return "Card saved. We are trying this month's declined order on it now: reload in a moment to see the result.";
  if (done.restarted) return `Card saved. Autoship is on again: the next run is on ${formatRunDate(done.nextRunOn)}.`;
  return "Card saved: the next run is charged to it.";
}

/** Refuses (AutoshipError) unless the card is the member's, saved with this provider, not replaced: checked before a new autoship uses it. */
export async function checkSavedCard(db: Executor, input: { distributorId: number; methodId: number; provider: PaymentProviderId }): Promise<void> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from payment_methods
        where id = ${input.methodId} and distributor_id = ${input.distributorId} and provider = ${input.provider} and removed_at is null`,
  );
  if (row!.n === 0) throw new AutoshipError("This card is not saved on your account. Save it again.");
}

/** Skips the next run (or the run of `cycle`, which must be the next one); returns the date of the run after it. */
export async function skipNextRun(
  db: Database,
  input: { subscriptionId: number; at: Date } & (AutoshipOwner | { cycle: string }),
): Promise<{ skipped: string; nextRunOn: string }> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<Owned & { distributor_id: number | null; source_order_id: number | null }>(
      tx,
      sql`select id, status, day_of_month, next_run_on::text as next_run_on, distributor_id, source_order_id from subscriptions
          where id = ${input.subscriptionId} for update`,
    );
    const notOwner =
      ("distributorId" in input && row?.distributor_id !== input.distributorId) || ("sourceOrderId" in input && row?.source_order_id !== input.sourceOrderId);
    if (!row || notOwner) {
      throw new AutoshipError("This autoship does not exist or is cancelled. Reload the page.");
    }
    if (row.status !== "active") throw new AutoshipError(`This autoship is ${row.status}: there is no run to skip.`);
    if ("cycle" in input && input.cycle !== row.next_run_on) {
      throw new AutoshipError(input.cycle < row.next_run_on ? "This run is already past or skipped." : "This run is not the next one.");
    }
    if (row.next_run_on <= dateOf(input.at)) throw new AutoshipError("This run has started: it can no longer be skipped.");
    const iso = input.at.toISOString();
    const inserted = await queryRows<{ id: number }>(
      tx,
      sql`insert into subscription_runs (subscription_id, cycle, status, created_at, updated_at)
          values (${row.id}, ${row.next_run_on}::date, 'skipped', ${iso}::timestamptz, ${iso}::timestamptz)
          on conflict do nothing returning id`,
    );
    if (inserted.length === 0) throw new AutoshipError("This run has started: it can no longer be skipped.");
    const nextRunOn = nextRunDate(row.day_of_month, row.next_run_on);
    await tx.execute(sql`update subscriptions set next_run_on = ${nextRunOn}::date, updated_at = ${iso}::timestamptz where id = ${row.id}`);
    return { skipped: row.next_run_on, nextRunOn };
  });
}

/** Pauses an active autoship: no run until it is resumed. */
export async function pauseSubscription(db: Database, input: AutoshipOwner & { subscriptionId: number; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const own = await lockOwn(tx, input, input.subscriptionId);
    if (own.status !== "active") throw new AutoshipError(`This autoship is ${own.status}: only an active one can be paused.`);
    await tx.execute(sql`update subscriptions set status = 'paused', updated_at = ${input.at.toISOString()}::timestamptz where id = ${own.id}`);
  });
}

/** Resumes a paused autoship from its next free date after today (a date that passed while paused is not made up). */
export async function resumeSubscription(db: Database, input: AutoshipOwner & { subscriptionId: number; at: Date }): Promise<string> {
  return db.transaction(async (tx) => {
    const own = await lockOwn(tx, input, input.subscriptionId);
    if (own.status !== "paused") throw new AutoshipError(`This autoship is ${own.status}: only a paused one can be resumed.`);
    const today = dateOf(input.at);
    const next = own.next_run_on > today ? own.next_run_on : await nextFreeDate(tx, own.id, own.day_of_month, today);
    await tx.execute(
      sql`update subscriptions set status = 'active', next_run_on = ${next}::date, updated_at = ${input.at.toISOString()}::timestamptz where id = ${own.id}`,
    );
    return next;
  });
}

/** Cancels an autoship for good (its history stays); a run already charged is not undone. */
export async function cancelSubscription(db: Database, input: AutoshipOwner & { subscriptionId: number; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const own = await lockOwn(tx, input, input.subscriptionId);
    await tx.execute(sql`update subscriptions set status = 'cancelled', updated_at = ${input.at.toISOString()}::timestamptz where id = ${own.id}`);
  });
}
