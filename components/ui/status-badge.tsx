const tones = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
} as const;

export function StatusBadge({ tone, children }: { tone: keyof typeof tones; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

export type OrderStatusName = "pending_payment" | "payment_failed" | "paid" | "refunded" | "cancelled" | "expired";

const orderStatuses: Record<OrderStatusName, { label: string; tone: keyof typeof tones }> = {
  pending_payment: { label: "Awaiting payment", tone: "amber" },
  payment_failed: { label: "Payment failed", tone: "red" },
  paid: { label: "Paid", tone: "green" },
  refunded: { label: "Refunded", tone: "amber" },
  cancelled: { label: "Cancelled", tone: "slate" },
  expired: { label: "Expired", tone: "slate" },
};

export function OrderStatusBadge({ status }: { status: OrderStatusName }) {
  const { label, tone } = orderStatuses[status];
  return <StatusBadge tone={tone}>{label}</StatusBadge>;
}
