import { ScrollRegion } from "@/components/ui/scroll-region";
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
    // On a phone, quantity and price go under the product's name, so the total stays in view; the region scrolls only past that.
    <ScrollRegion label="Your order" pinFirst={false}>
      <table className="w-full text-sm">
        <caption className="sr-only">Your order</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium sm:px-4">
              Product
            </th>
            <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell">
              Qty
            </th>
            <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell">
              Price
            </th>
            {showPv ? (
              <th scope="col" className="px-3 py-2 text-right font-medium sm:px-4">
                PV
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 text-right font-medium sm:px-4">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="px-3 py-2 text-slate-900 sm:px-4">
                {l.name}
                <span className="block text-xs text-slate-500 tabular-nums sm:hidden">
                  {l.quantity} × {formatMoney(l.priceCents, currency)}
                </span>
              </td>
              <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{l.quantity}</td>
              <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{formatMoney(l.priceCents, currency)}</td>
              {showPv ? <td className="px-3 py-2 text-right tabular-nums sm:px-4">{formatNumber(l.linePv)}</td> : null}
              <td className="px-3 py-2 text-right tabular-nums sm:px-4">{formatMoney(l.lineCents, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 font-semibold">
          <tr>
            <th scope="row" colSpan={3} className="hidden px-4 py-2 text-left sm:table-cell">
              Total
            </th>
            <th scope="row" className="px-3 py-2 text-left sm:hidden">
              Total
            </th>
            {showPv ? (
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums sm:px-4" data-testid="cart-pv">
                {formatNumber(pv)} PV
              </td>
            ) : null}
            <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums sm:px-4" data-testid="cart-total">
              {formatMoney(total, currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
