import { OrderStatusBadge, StatusBadge } from "@/components/ui/status-badge";
import type { AdminOrderDto } from "@/lib/data/admin-orders";
import { formatDateTime } from "@/lib/format";
import { providerNames } from "@/lib/payments/display";

/** An order's payment in the admin list: its state, provider and reference, why it failed, until when it can be paid, and its flag. */
export function OrderPayment({ order: o, timeZone }: { order: AdminOrderDto; timeZone: string }) {
  const unpaid = o.status === "pending_payment" || o.status === "payment_failed";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="whitespace-nowrap">
          <OrderStatusBadge status={o.status} />
        </span>
        {o.flagReason ? <StatusBadge tone="red">Flagged</StatusBadge> : null}
      </div>
      <p className="text-xs text-slate-600">
        {o.provider ? providerNames[o.provider] : "No provider"}
        {o.reference ? (
          <>
            {" · "}
            <span className="sr-only">{o.referenceKind === "session" ? "checkout session " : "payment reference "}</span>
            <code className="break-all text-slate-800" title={o.referenceKind === "session" ? "Checkout session" : "Payment reference"}>
              {o.reference}
            </code>
          </>
        ) : null}
      </p>
      {o.refundReference ? (
        <p className="text-xs text-slate-600">
          Refund <code className="break-all text-slate-800">{o.refundReference}</code>
        </p>
      ) : null}
      {o.status === "payment_failed" && o.paymentError ? (
        <p className="text-xs text-red-800" data-testid="payment-error">
          {o.paymentError}
        </p>
      ) : null}
      {unpaid && o.expiresAt ? (
        <p className="text-xs text-slate-600">
          Payable until <time dateTime={o.expiresAt}>{formatDateTime(o.expiresAt, timeZone)}</time>
        </p>
      ) : null}
      {o.flagReason ? (
        <p className="text-xs text-red-800" data-testid="flag-reason">
          {o.flagReason}
        </p>
      ) : null}
    </div>
  );
}
