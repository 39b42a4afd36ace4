import { sql } from "drizzle-orm";
import type { ShippingAddress } from "@/db/schema";
import { pgArray, queryRows } from "@/db/rows";
import { countries } from "@/lib/countries";
import { formatDateTime, formatMoney } from "@/lib/format";
import { enqueueJob } from "@/lib/jobs/queue";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { JobContext } from "@/lib/jobs/worker";
import type { Executor, Tx } from "@/lib/ledger/db";
import { siteLink } from "@/lib/mail/brand";
import { queueEmail } from "@/lib/mail/queue";
import type { OrderReceiptData } from "@/lib/mail/templates/order-receipt";
import { notify } from "@/lib/notifications/notify";
import { receiptPath, receiptTokenOf } from "./receipts";

// The buyer's receipt when an order is paid, and a notice when it is refunded
// or cancelled. The paid path is the benchmarked one (orders per second with
// the ledger in the same transaction), so it adds exactly one set-based
// statement per batch: it queues one job per newly paid order (key
// order:<id>:paid) in the transaction that turns the orders paid, so the job
// exists exactly when the payment does and a replayed confirmation (which
// finds the order paid) queues nothing. The job, after commit, reads the order
// and tells the buyer: a member (a personal order) through notify(), a guest
// (a retail order, no account) by email to the order's address. Both are keyed
// by the same event key, so a retried job sends nothing twice.

export const ORDER_NOTICE = "order.notice";

/** One statement: the receipt jobs of a batch's newly paid orders. */
export async function queueReceipts(tx: Tx, paid: { orderId: number; at: Date }[]): Promise<void> {
  if (paid.length === 0) return;
  await tx.execute(
    sql`insert into jobs (kind, key, payload, run_at, created_at)
        select ${ORDER_NOTICE}, 'order:' || t.id || ':paid', jsonb_build_object('orderId', t.id, 'event', 'paid'), t.at, t.at
        from unnest(${pgArray(paid.map((p) => p.orderId))}::int[], ${pgArray(paid.map((p) => p.at.toISOString()))}::timestamptz[]) as t(id, at)
        on conflict (key) do nothing`,
  );
  wakeWorkers();
}

/** The refund (or cancellation) notice's job, in the refund's transaction. */
export async function queueRefundNotice(tx: Executor, orderId: number, at: Date): Promise<void> {
  await enqueueJob(tx, { kind: ORDER_NOTICE, key: `order:${orderId}:refunded`, payload: { orderId, event: "refunded" }, at });
}

interface NoticeOrder {
  id: number;
  kind: "personal" | "retail";
  status: string;
  customer_name: string | null;
  customer_email: string | null;
  subtotal_cents: number;
  shipping_cents: number;
  total_cents: number;
  shipping_address: ShippingAddress | null;
  idempotency_key: string | null;
  receipt_token_hash: string | null;
  paid_at: string | null;
  refund_reason: string | null;
  /** A buyback's refund (lib/buyback): less than the total; null for a plain refund. */
  buyback_cents: string | null;
  buyer_user_id: number;
  seller_name: string;
  currency: string;
  /** A guest customer has no account: their email states times in the company's zone. */
  company_time_zone: string;
  lines: { name: string; quantity: number; cents: number }[];
}

function addressLines(a: ShippingAddress | null): string[] {
  if (!a) return [];
  return [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    [a.city, a.region, a.postalCode].filter(Boolean).join(", "),
    countries.find((c) => c.code === a.country)?.name ?? a.country,
  ];
}

/** The order.notice job: the receipt (event "paid") or the refund notice (event "refunded") of one order. */
export async function sendOrderNotice(ctx: JobContext): Promise<void> {
  const orderId = Number(ctx.job.payload.orderId);
  const event = ctx.job.payload.event === "refunded" ? "refunded" : "paid";
  const [o] = await queryRows<NoticeOrder>(
    ctx.db,
    sql`select o.id, o.kind, o.status, o.customer_name, o.customer_email, o.subtotal_cents::float8 as subtotal_cents, o.shipping_cents::float8 as shipping_cents,
          o.total_cents::float8 as total_cents, o.shipping_address, o.idempotency_key, o.receipt_token_hash, o.paid_at::text, o.refund_reason,
          (select b.refund_cents::text from buyback_orders b where b.order_id = o.id and b.refunded_at is not null) as buyback_cents,
          d.user_id as buyer_user_id, u.name as seller_name, (select currency from company where id = 1) as currency,
          (select time_zone from company where id = 1) as company_time_zone,
          coalesce((select json_agg(json_build_object('name', p.name, 'quantity', l.quantity, 'cents', l.unit_price_cents * l.quantity) order by l.id)
                    from order_lines l join products p on p.id = l.product_id where l.order_id = o.id), '[]'::json) as lines
        from orders o join distributors d on d.id = o.seller_id join users u on u.id = d.user_id
        where o.id = ${orderId}`,
  );
  if (!o) return;
  const money = (cents: number) => formatMoney(cents, o.currency);
  const refundWord = o.status === "cancelled" ? "cancelled" : "refunded";
  const eventKey = `order:${o.id}:${event}`;
  const lines = o.lines.map((l) => ({ name: l.name, quantity: l.quantity, amount: money(l.cents) }));
  const address = addressLines(o.shipping_address);
  if (o.kind === "personal") {
    const body =
      event === "paid"
        ? [
            `We received your payment of ${money(o.total_cents)} for order #${o.id}.`,
            ...lines.map((l) => `${l.quantity} × ${l.name}: ${l.amount}`),
            `Subtotal ${money(o.subtotal_cents)}, shipping ${money(o.shipping_cents)}, total ${money(o.total_cents)}.`,
            ...(address.length > 0 ? [`Ships to: ${address.join(", ")}.`] : []),
          ]
        : [
            `Order #${o.id} was ${refundWord}: ${money(o.buyback_cents === null ? o.total_cents : Number(o.buyback_cents))} goes back to the way you paid.`,
            ...(o.refund_reason ? [`Reason: ${o.refund_reason}`] : []),
          ];
    await notify(ctx.db, {
      userId: o.buyer_user_id,
      kind: "order_receipt",
      eventKey,
      title: event === "paid" ? `Receipt for order #${o.id}` : `Order #${o.id} ${refundWord}`,
      body,
      href: `/dashboard/orders/${o.id}`,
      action: "See the order",
      at: ctx.at,
    });
    return;
  }
  if (!o.customer_email) return;
  const token = receiptTokenOf({ idempotencyKey: o.idempotency_key, receiptTokenHash: o.receipt_token_hash });
  const data: OrderReceiptData = {
    event: event === "paid" ? "paid" : refundWord,
    orderId: o.id,
    customerName: o.customer_name ?? "",
    sellerName: o.seller_name,
    lines,
    subtotal: money(o.subtotal_cents),
    shipping: money(o.shipping_cents),
    total: money(o.total_cents),
    address,
    paidAt: o.paid_at ? formatDateTime(o.paid_at, o.company_time_zone) : null,
    reason: event === "paid" ? null : o.refund_reason,
    receiptUrl: token ? siteLink(receiptPath(token)) : null,
  };
  await queueEmail(ctx.db, { eventKey, to: o.customer_email, userId: null, template: "order-receipt", data, category: null, at: ctx.at });
}
