import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { authSecret } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import type { Executor } from "@/lib/ledger/db";
import { siteLink } from "@/lib/mail/brand";
import { queueEmail } from "@/lib/mail/queue";
import { notify } from "@/lib/notifications/notify";
import { formatRunDate } from "./cycle";
import { quoteSubscriptions } from "./quote";
import { managePath, signManageToken } from "./manage-token";
import { signSkipToken } from "./skip-token";

// What autoship tells its owner: a member in the portal and by email
// (lib/notifications), a retail customer by email. Reminders before a run
// (autoship_reminder); declines and a stopped autoship (autoship_payment,
// essential: it is about their money and their card).

export const AUTOSHIP_PAGE = "/dashboard/autoship";

/** Who hears about an autoship: its member (in the portal and by email, as they chose), or its retail customer (by email, with their manage link). */
type Audience = { kind: "member"; userId: number } | { kind: "customer"; email: string; managePath: string };

async function audienceOf(db: Executor, subscriptionId: number): Promise<Audience | null> {
  const [row] = await queryRows<{ user_id: number | null; customer_email: string | null; manage_version: number; source_order_id: number | null }>(
    db,
    sql`select d.user_id, o.customer_email, s.manage_version, s.source_order_id
        from subscriptions s left join distributors d on d.id = s.distributor_id left join orders o on o.id = s.source_order_id
        where s.id = ${subscriptionId}`,
  );
  if (!row) return null;
  if (row.source_order_id === null) return row.user_id === null ? null : { kind: "member", userId: row.user_id };
  if (!row.customer_email) return null;
  return { kind: "customer", email: row.customer_email, managePath: managePath(signManageToken(authSecret(), subscriptionId, row.manage_version)) };
}

interface Notice {
  kind: "autoship_payment" | "autoship_reminder";
  eventKey: string;
  title: string;
  /** Paragraphs, which may differ for a member and a customer. */
  body: (audience: Audience) => string[];
  action: string;
  /** Where the member acts (a path in the portal); a customer acts on their manage link. */
  memberHref: string;
  at: Date;
}

/**
 * Tells the autoship's owner: a member through notify() (their in-app and
 * email choices; reminders can be turned off), a retail customer by email
 * (they have no account: service mail about their card and orders, with the
 * link that manages their autoship). Returns false when nobody was told.
 */
async function tell(db: Executor, subscriptionId: number, notice: Notice): Promise<boolean> {
  const audience = await audienceOf(db, subscriptionId);
  if (!audience) return false;
  if (audience.kind === "member") {
    return notify(db, {
      userId: audience.userId,
      kind: notice.kind,
      eventKey: notice.eventKey,
      title: notice.title,
      body: notice.body(audience),
      href: notice.memberHref,
      action: notice.action,
      at: notice.at,
    });
  }
  return queueEmail(db, {
    eventKey: `customer:${notice.eventKey}`,
    to: audience.email,
    userId: null,
    template: "notification",
    data: { title: notice.title, body: notice.body(audience), href: audience.managePath, action: notice.action },
    category: null,
    at: notice.at,
  });
}

export async function notifyRunDeclined(
  db: Executor,
  input: { subscriptionId: number; cycle: string; attempt: number; message: string; retryAt: Date; at: Date },
): Promise<void> {
  const retry = formatRunDate(input.retryAt.toISOString().slice(0, 10));
  await tell(db, input.subscriptionId, {
    kind: "autoship_payment",
    eventKey: `autoship:${input.subscriptionId}:${input.cycle}:declined:${input.attempt}`,
    title: "Your autoship payment was declined",
    body: () => [
      `The card saved for your autoship of ${formatRunDate(input.cycle)} was declined: ${input.message}`,
      `We will try again on ${retry}. Save another card now and we try it at once.`,
    ],
    memberHref: AUTOSHIP_PAGE,
    action: "Update your card",
    at: input.at,
  });
}

export async function notifyRunFailed(
  db: Executor,
  input: { subscriptionId: number; cycle: string; reason: string; suspend: boolean; at: Date },
): Promise<void> {
  await tell(db, input.subscriptionId, {
    kind: "autoship_payment",
    eventKey: `autoship:${input.subscriptionId}:${input.cycle}:failed`,
    title: input.suspend ? "Your autoship is stopped: the card kept declining" : "Your autoship order could not be placed",
    body: () => [
      `Your autoship of ${formatRunDate(input.cycle)} was not placed: ${input.reason}`,
      input.suspend
        ? "We have stopped trying. Save a working card to start your autoship again from its next date."
        : "Your autoship stays on for next month. Check its items and address.",
    ],
    memberHref: AUTOSHIP_PAGE,
    action: input.suspend ? "Update your card" : "Check your autoship",
    at: input.at,
  });
}

/** A retail customer's autoship has started (or they asked for a new link): the email with the link that manages it. */
export async function sendManageLink(
  db: Executor,
  input: { subscriptionId: number; version: number; event: "started" | "new-link"; nextRunOn: string; at: Date },
): Promise<void> {
  const started = input.event === "started";
  await tell(db, input.subscriptionId, {
    kind: "autoship_payment",
    eventKey: `autoship:${input.subscriptionId}:manage-link:${input.version}`,
    title: started ? "Your autoship is on" : "Your new autoship link",
    body: () => [
      started
        ? `Thank you: the same order is placed and charged to your saved card every month. The first is on ${formatRunDate(input.nextRunOn)}; we email you 3 days before each one.`
        : "Here is the new link to your autoship. Links we sent you before no longer work.",
      "Use the button to change the items, the day, the card or the address, to skip a month, to pause or to cancel. Keep this email: the link is your key to your autoship, so do not share it.",
    ],
    memberHref: AUTOSHIP_PAGE,
    action: "Manage your autoship",
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
  const [sub] = await queryRows<{ status: string; next_run_on: string; last4: string; customer: boolean }>(
    db,
    sql`select s.status, s.next_run_on::text as next_run_on, m.last4, s.source_order_id is not null as customer
        from subscriptions s join payment_methods m on m.id = s.payment_method_id
        where s.id = ${input.subscriptionId}`,
  );
  if (!sub || sub.status !== "active" || sub.next_run_on !== input.cycle) return false;
  const quote = (await quoteSubscriptions(db, [input.subscriptionId])).get(input.subscriptionId);
  if (!quote) return false;
  const items = quote.lines
    .filter((l) => l.active)
    .map((l) => `${l.quantity} × ${l.name}`)
    .join(", ");
  const token = signSkipToken(authSecret(), input.subscriptionId, input.cycle);
  const total = `${items}: ${formatMoney(quote.totalCents, quote.currency)} with shipping`;
  return tell(db, input.subscriptionId, {
    kind: "autoship_reminder",
    eventKey: `autoship:${input.subscriptionId}:${input.cycle}:reminder`,
    title: `Your autoship runs on ${formatRunDate(input.cycle)}`,
    body: (audience) =>
      audience.kind === "member"
        ? [
            `${total}, ${quote.pv} PV, charged to the card ending ${sub.last4}.`,
            `Nothing to do if that suits you. To skip this month's run, use the button; to change items, date or card, open Autoship in the portal (${AUTOSHIP_PAGE}).`,
          ]
        : [
            `${total}, charged to the card ending ${sub.last4}.`,
            `Nothing to do if that suits you. To skip this month's order: ${siteLink(`/autoship/skip/${token}`)}`,
            "To change the items, the date or the card, use the button.",
          ],
    // A member's button skips; a customer's opens their autoship, with the skip link in the text.
    memberHref: `/autoship/skip/${token}`,
    action: sub.customer ? "Manage your autoship" : "Skip this run",
    at: input.at,
  });
}
