import { formatMoney } from "@/lib/format";

/** Subtotal, shipping and total, as a buyer checks them before paying and on the receipt. */
export function OrderTotals({
  subtotalCents,
  shippingCents,
  currency,
  shippingNote,
}: {
  subtotalCents: number;
  /** Null: not known yet (no shipping country chosen). */
  shippingCents: number | null;
  currency: string;
  shippingNote?: string;
}) {
  return (
    <dl className="space-y-1 rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="order-totals">
      <div className="flex justify-between gap-4">
        <dt className="text-slate-600">Subtotal</dt>
        <dd className="tabular-nums">{formatMoney(subtotalCents, currency)}</dd>
      </div>
      <div className="flex justify-between gap-4">
        <dt className="text-slate-600">Shipping{shippingNote ? <span className="text-slate-500"> ({shippingNote})</span> : null}</dt>
        <dd className="tabular-nums" data-testid="order-shipping">
          {shippingCents === null ? "Choose a country" : shippingCents === 0 ? "Free" : formatMoney(shippingCents, currency)}
        </dd>
      </div>
      <div className="flex justify-between gap-4 border-t border-slate-200 pt-2 text-base font-semibold text-slate-900">
        <dt>Total</dt>
        <dd className="tabular-nums" data-testid="order-total">
          {formatMoney(subtotalCents + (shippingCents ?? 0), currency)}
        </dd>
      </div>
    </dl>
  );
}
