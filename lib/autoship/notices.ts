import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { authSecret } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import type { Executor } from "@/lib/ledger/db";
import { notify } from "@/lib/notifications/notify";
import { formatRunDate } from "./cycle";
import { quoteSubscriptions } from "./quote";
import { signSkipToken } from "./skip-token";

// What autoship tells its owner: in the portal and by email (lib/notifications).
// Reminders before a run (autoship_reminder); declines and a stopped autoship
// (autoship_payment, essential: it is about their money and their card).

export const AUTOSHIP_PAGE = "/dashboard/autoship";

async function userOf(db: Executor, distributorId: number): Promise<number | null> {
  const [row] = await queryRows<{ user_id: number | null }>(db, sql`select user_id from distributors where id = ${distributorId}`);
  return row?.user_id ?? null;
}

export async function notifyRunDeclined(
  db: Executor,
  input: { distributorId: number; subscriptionId: number; cycle: string; attempt: number; message: string; retryAt: Date; at: Date },
): Promise<void> {
  const userId = await userOf(db, input.distributorId);
  if (userId === null) return;
  const retry = formatRunDate(input.retryAt.toISOString().slice(0, 10));
  await notify(db, {
    userId,
    kind: "autoship_payment",
    eventKey: `autoship:${input.subscriptionId}:${input.cycle}:declined:${input.attempt}`,
    title: "Your autoship payment was declined",
    body: [
      `The card saved for your autoship of ${formatRunDate(input.cycle)} was declined: ${input.message}`,
      `We will try again on ${retry}. Save another card now and we try it at once.`,
    ],
    href: AUTOSHIP_PAGE,
    action: "Update your card",
    at: input.at,
  });
}

export async function notifyRunFailed(
  db: Executor,
  input: { distributorId: number; subscriptionId: number; cycle: string; reason: string; suspend: boolean; at: Date },
): Promise<void> {
  const userId = await userOf(db, input.distributorId);
  if (userId === null) return;
  await notify(db, {
    userId,
    kind: "autoship_payment",
    eventKey: `autoship:${input.subscriptionId}:${input.cycle}:failed`,
    title: input.suspend ? "Your autoship is stopped: the card kept declining" : "Your autoship order could not be placed",
    body: [
      `Your autoship of ${formatRunDate(input.cycle)} was not placed: ${input.reason}`,
      input.suspend
        ? "We have stopped trying. Save a working card to start your autoship again from its next date."
        : "Your autoship stays on for next month. Check its items and address.",
    ],
    href: AUTOSHIP_PAGE,
    action: input.suspend ? "Update your card" : "Check your autoship",
    at: input.at,
  });
}

export const AUTOSHIP_REMIND = "autoship.remind";

/** How many days before a run its owner is reminded. */
export const REMINDER_DAYS = 3;

/**
 * Reminds an owner of a run coming on `cycle`: its items and total at today's
 * prices, and a link that skips this run (a signed token: no sign-in needed).
 * Nothing when the subscription is no longer active or its next run moved.
 */
export async function remindOfRun(db: Executor, input: { subscriptionId: number; cycle: string; at: Date }): Promise<boolean> {
  const [sub] = await queryRows<{ user_id: number | null; status: string; next_run_on: string; last4: string }>(
    db,
    sql`select d.user_id, s.status, s.next_run_on::text as next_run_on, m.last4
        from subscriptions s join distributors d on d.id = s.distributor_id join payment_methods m on m.id = s.payment_method_id
        where s.id = ${input.subscriptionId}`,
  );
  if (!sub || sub.user_id === null || sub.status !== "active" || sub.next_run_on !== input.cycle) return false;
  const quote = (await quoteSubscriptions(db, [input.subscriptionId])).get(input.subscriptionId);
  if (!quote) return false;
  const items = quote.lines
    .filter((l) => l.active)
    .map((l) => `${l.quantity} × ${l.name}`)
    .join(", ");
  const token = signSkipToken(authSecret(), input.subscriptionId, input.cycle);
  return notify(db, {
    userId: sub.user_id,
    kind: "autoship_reminder",
    eventKey: `autoship:${input.subscriptionId}:${input.cycle}:reminder`,
    title: `Your autoship runs on ${formatRunDate(input.cycle)}`,
    body: [
      `${items}: ${formatMoney(quote.totalCents, quote.currency)} with shipping, ${quote.pv} PV, charged to the card ending ${sub.last4}.`,
      `Nothing to do if that suits you. To skip this month's run, use the button; to change items, date or card, open Autoship in the portal (${AUTOSHIP_PAGE}).`,
    ],
    href: `/autoship/skip/${token}`,
    action: "Skip this run",
    at: input.at,
  });
}
