import { formatMoney, formatNumber } from "@/lib/format";

export interface CartLine {
  id: number;
  name: string;
  quantity: number;
  priceCents: number;
  lineCents: number;
  linePv: number;
}

export function CartSummary({ lines, currency, showPv = true }: { lines: CartLine[]; currency: string; showPv?: boolean }) {
  const total = lines.reduce((s, l) => s + l.lineCents, 0);
  const pv = lines.reduce((s, l) => s + l.linePv, 0);
  return (
    // Scrolls sideways on a narrow phone: focusable and named, so a keyboard can scroll it too.
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Your order">
      <table className="w-full text-sm">
        <caption className="sr-only">Your order</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Product
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Qty
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Price
            </th>
            {showPv ? (
              <th scope="col" className="px-4 py-2 text-right font-medium">
                PV
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="px-4 py-2 text-slate-900">{l.name}</td>
              <td className="px-4 py-2 text-right tabular-nums">{l.quantity}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatMoney(l.priceCents, currency)}</td>
              {showPv ? <td className="px-4 py-2 text-right tabular-nums">{formatNumber(l.linePv)}</td> : null}
              <td className="px-4 py-2 text-right tabular-nums">{formatMoney(l.lineCents, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 font-semibold">
          <tr>
            <th scope="row" colSpan={3} className="px-4 py-2 text-left">
              Total
            </th>
            {showPv ? (
              <td className="px-4 py-2 text-right tabular-nums" data-testid="cart-pv">
                {formatNumber(pv)} PV
              </td>
            ) : null}
            <td className="px-4 py-2 text-right tabular-nums" data-testid="cart-total">
              {formatMoney(total, currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
