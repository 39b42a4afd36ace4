import type { ShippingAddress } from "@/db/schema";
import { OrderTotals } from "@/components/shop/order-totals";
import { countries } from "@/lib/countries";
import { formatMoney } from "@/lib/format";

/** An order's items, totals and shipping address: the member's order page and a guest's receipt. */
export function OrderLines({
  lines,
  subtotalCents,
  shippingCents,
  currency,
  address,
}: {
  lines: { productName: string; quantity: number; unitPriceCents: number }[];
  subtotalCents: number;
  shippingCents: number;
  currency: string;
  address: ShippingAddress | null;
}) {
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
        {lines.map((l, i) => (
          <li key={i} className="flex justify-between gap-4 px-4 py-2">
            <span>
              {l.quantity} × {l.productName}
            </span>
            <span className="tabular-nums">{formatMoney(l.unitPriceCents * l.quantity, currency)}</span>
          </li>
        ))}
      </ul>
      <OrderTotals subtotalCents={subtotalCents} shippingCents={shippingCents} currency={currency} />
      {address ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
          <h2 className="font-semibold text-slate-900">Ships to</h2>
          <address className="mt-1 text-slate-700 not-italic" data-testid="shipping-address">
            {address.name}
            <br />
            {address.line1}
            {address.line2 ? (
              <>
                <br />
                {address.line2}
              </>
            ) : null}
            <br />
            {[address.city, address.region, address.postalCode].filter(Boolean).join(", ")}
            <br />
            {countries.find((c) => c.code === address.country)?.name ?? address.country}
          </address>
        </div>
      ) : null}
    </div>
  );
}
