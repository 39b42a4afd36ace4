import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { OrderStatusBadge, type OrderStatusName } from "@/components/ui/status-badge";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";

export interface OrderRow {
  id: number;
  kind: "personal" | "retail";
  status: OrderStatusName;
  customerName: string | null;
  totalCents: number;
  pv: number;
  createdAt: string;
}

export function OrdersTable({
  orders,
  currency,
  hrefFor,
  timeZone,
}: {
  orders: OrderRow[];
  currency: string;
  hrefFor: (id: number) => string;
  timeZone: string;
}) {
  if (orders.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium text-slate-800">No orders yet</p>
        <p className="mt-1 text-sm text-slate-600">Orders you place in the shop, and your retail customers&rsquo; orders, will show here.</p>
      </div>
    );
  }
  return (
    <ScrollRegion label="Orders">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Order
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Date
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Type
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              PV
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {orders.map((o) => (
            <tr key={o.id}>
              <td className="px-4 py-2">
                <Link href={hrefFor(o.id)} className="font-medium text-brand-700 hover:underline">
                  #{o.id}
                </Link>
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{formatDate(o.createdAt, timeZone)}</td>
              <td className="px-4 py-2">{o.kind === "retail" ? `Retail: ${o.customerName ?? "customer"}` : "Personal"}</td>
              <td className="px-4 py-2">
                <OrderStatusBadge status={o.status} />
              </td>
              {/* An unpaid order's PV counts nowhere yet. */}
              <td className="px-4 py-2 text-right tabular-nums">{o.status === "paid" ? formatNumber(o.pv) : "—"}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatMoney(o.totalCents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
