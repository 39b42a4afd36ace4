import type { ReactNode } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import type { BuybackRequestDto } from "@/lib/data/buyback";
import { formatDate, formatMoney } from "@/lib/format";

const badge = { pending: ["amber", "Pending"], approved: ["green", "Approved"], rejected: ["red", "Declined"] } as const;

/** Buyback requests as cards: who, which orders, the refund, the decision; `actions` adds the admin's buttons (shown on pending ones). */
export function BuybackRequests({
  requests,
  currency,
  actions,
  timeZone,
}: {
  requests: BuybackRequestDto[];
  currency: string;
  timeZone: string;
  actions?: (r: BuybackRequestDto) => ReactNode;
}) {
  return (
    <ul className="space-y-3">
      {requests.map((r) => (
        <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`buyback-${r.id}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">Buyback #{r.id}</span>
            <StatusBadge tone={badge[r.status][0]}>{badge[r.status][1]}</StatusBadge>
            <span className="text-sm text-slate-600">
              {r.distributorName}, asked {formatDate(r.requestedAt, timeZone)}
              {r.decidedAt ? `, decided ${formatDate(r.decidedAt, timeZone)}` : ""}
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-700">
            Orders {r.orders.map((o) => `#${o.orderId} (${formatMoney(o.refundCents, currency)})`).join(", ")}: refund {formatMoney(r.refundCents, currency)}.
          </p>
          {r.rejectReason && <p className="mt-1 text-sm text-slate-700">Reason: {r.rejectReason}</p>}
          {actions && <div className={r.status === "pending" ? "mt-3" : ""}>{actions(r)}</div>}
        </li>
      ))}
    </ul>
  );
}
