// The buyback's figures (docs/compliance.md, "Returns and buyback"): whole
// personal orders paid in the last 12 months, refunded at 90% of their
// products' price (the subtotal; shipping is not returned), rounded down.

/** The share of an order's subtotal a buyback refunds: the direct-selling code of ethics' minimum. */
export const BUYBACK_RATE_BPS = 9000;
/** How far back a returned order may have been paid, in calendar months. */
export const BUYBACK_WINDOW_MONTHS = 12;
/** The refund reason an order returned by a buyback carries (its clawback lines show it). */
export const BUYBACK_REASON = "buyback";

/** floor(subtotal × rate / 10000), exact for any subtotal below 2^53 (the product itself could pass it). */
export function buybackRefundCents(subtotalCents: number, rateBps: number): number {
  const whole = Math.floor(subtotalCents / 10_000);
  const rest = subtotalCents % 10_000;
  return whole * rateBps + Math.floor((rest * rateBps) / 10_000);
}

/** The earliest paid moment an order may have to be returned at `now`: the same instant 12 calendar months earlier (UTC; the 31st clamps to the month's end). */
export function buybackWindowStart(now: Date): Date {
  const start = new Date(now.getTime());
  const day = start.getUTCDate();
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - BUYBACK_WINDOW_MONTHS);
  const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  start.setUTCDate(Math.min(day, last));
  return start;
}
