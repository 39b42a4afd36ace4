import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { formatMoney, formatNumber } from "@/lib/format";
import type { Executor } from "@/lib/ledger/db";

// Flags a guest order for an admin's review when its shop's retail sales jump
// far above their history (docs/admin.md, "Flagged guest orders"). A flag
// blocks nothing: the rate limits and the guest caps stop a flood; the flag
// shows admins what got through.

/** How many times its usual level a shop's last 24 hours must exceed. */
export const FLAG_MULTIPLE = 5;
/** Below this (minor units: $250.00 in a two-decimal currency) a day's retail sales are never flagged: a new shop's first orders. */
export const FLAG_FLOOR_MINOR = 25_000;
const RECENT_MS = 24 * 3600_000;
const HISTORY_DAYS = 90;

interface Figures {
  kind: "personal" | "retail";
  flag_reason: string | null;
  recent_cents: string;
  recent_orders: number;
  history_cents: string;
  history_orders: number;
  currency: string | null;
}

/**
 * For a guest (retail) order: compares its shop's retail sales of the last
 * 24 hours (by total, this order included) with the 90 days before, and sets
 * the order's flag_reason when they exceed all of
 *
 *   - 5 × the shop's daily average over those 90 days,
 *   - 5 × the shop's average guest order over those 90 days (when it had one),
 *   - FLAG_FLOOR_MINOR ($250.00), so a new shop's first normal orders pass.
 *
 * Orders count whatever their payment state except expired and cancelled (an
 * unpaid flood is what the flag is for). Both windows read the seller's
 * orders through orders_seller_created_idx. Returns the reason (the one set
 * before, if any), or null. Call it after the order is created.
 */
export async function flagUnusualGuestOrder(db: Executor, orderId: number, at: Date): Promise<string | null> {
  const recentFrom = new Date(at.getTime() - RECENT_MS).toISOString();
  const historyFrom = new Date(at.getTime() - RECENT_MS - HISTORY_DAYS * 24 * 3600_000).toISOString();
  const [f] = await queryRows<Figures>(
    db,
    sql`with o as (select id, seller_id, kind, flag_reason from orders where id = ${orderId}),
      recent as (
        select x.id, x.total_cents from orders x join o on x.seller_id = o.seller_id
        where x.created_at > ${recentFrom}::timestamptz and x.created_at <= ${at.toISOString()}::timestamptz
          and x.kind = 'retail' and x.status not in ('expired', 'cancelled')
        union
        select id, total_cents from orders where id = ${orderId} and kind = 'retail'
      ),
      history as (
        select x.total_cents from orders x join o on x.seller_id = o.seller_id
        where x.created_at > ${historyFrom}::timestamptz and x.created_at <= ${recentFrom}::timestamptz
          and x.kind = 'retail' and x.status not in ('expired', 'cancelled') and x.id <> o.id
      )
      select o.kind, o.flag_reason,
        (select coalesce(sum(total_cents), 0)::text from recent) as recent_cents,
        (select count(*)::int from recent) as recent_orders,
        (select coalesce(sum(total_cents), 0)::text from history) as history_cents,
        (select count(*)::int from history) as history_orders,
        (select currency from company where id = 1) as currency
      from o`,
  );
  if (!f || f.kind !== "retail") return null;
  if (f.flag_reason) return f.flag_reason;
  const reason = unusualSales({
    recentCents: BigInt(f.recent_cents),
    recentOrders: f.recent_orders,
    historyCents: BigInt(f.history_cents),
    historyOrders: f.history_orders,
    currency: f.currency ?? "USD",
  });
  if (reason === null) return null;
  const [set] = await queryRows<{ flag_reason: string }>(
    db,
    sql`update orders set flag_reason = coalesce(flag_reason, ${reason}) where id = ${orderId} returning flag_reason`,
  );
  return set?.flag_reason ?? reason;
}

export interface SalesFigures {
  /** Retail sales of the last 24 hours, this order included (minor units). */
  recentCents: bigint;
  recentOrders: number;
  /** Retail sales of the 90 days before those 24 hours. */
  historyCents: bigint;
  historyOrders: number;
  currency: string;
}

/** The rule on its own (exact integer arithmetic): the sentence admins read, or null when the figures are not unusual. */
export function unusualSales(s: SalesFigures): string | null {
  const m = BigInt(FLAG_MULTIPLE);
  const days = BigInt(HISTORY_DAYS);
  const aboveDaily = s.recentCents * days > m * s.historyCents;
  const aboveOrder = s.historyOrders === 0 || s.recentCents * BigInt(s.historyOrders) > m * s.historyCents;
  const aboveFloor = s.recentCents > BigInt(FLAG_FLOOR_MINOR);
  if (!(aboveDaily && aboveOrder && aboveFloor)) return null;
  const money = (minor: bigint) => formatMoney(Number(minor), s.currency);
  const recent = `${money(s.recentCents)} in ${formatNumber(s.recentOrders)} order${s.recentOrders === 1 ? "" : "s"}`;
  if (s.historyCents === 0n) {
    return `Retail sales through this shop in the last 24 h (${recent}) are above ${money(BigInt(FLAG_FLOOR_MINOR))}, and it had no retail sales in the 90 days before.`;
  }
  const times = (s.recentCents * days) / s.historyCents;
  return `Retail sales through this shop in the last 24 h (${recent}) are ${formatNumber(Number(times))}× its 90-day daily average (${money(s.historyCents / days)}).`;
}
