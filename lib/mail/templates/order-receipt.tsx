import { Column, Row, Section, Text } from "@react-email/components";
import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface OrderReceiptData {
  /** Paid: the receipt; refunded or cancelled: the money goes back. */
  event: "paid" | "refunded" | "cancelled";
  orderId: number;
  customerName: string;
  /** The distributor whose shop it was ordered from. */
  sellerName: string;
  /** Amounts already formatted in the company's currency. */
  lines: { name: string; quantity: number; amount: string }[];
  subtotal: string;
  shipping: string;
  total: string;
  /** The shipping address, one line each. */
  address: string[];
  paidAt: string | null;
  reason: string | null;
  /** The guest's receipt page (absolute), or null when its token cannot be recomputed (an order older than that scheme). */
  receiptUrl: string | null;
}

const cell = { fontSize: "14px", lineHeight: "20px", margin: "2px 0" };

function Amounts({ data }: { data: OrderReceiptData }) {
  const row = (label: string, amount: string, strong = false) => (
    <Row key={label}>
      <Column>
        <Text style={{ ...cell, fontWeight: strong ? 700 : 400 }}>{label}</Text>
      </Column>
      <Column align="right">
        <Text style={{ ...cell, fontWeight: strong ? 700 : 400 }}>{amount}</Text>
      </Column>
    </Row>
  );
  return (
    <Section style={{ margin: "8px 0" }}>
      {data.lines.map((l, i) => (
        <Row key={i}>
          <Column>
            <Text style={cell}>
              {l.quantity} × {l.name}
            </Text>
          </Column>
          <Column align="right">
            <Text style={cell}>{l.amount}</Text>
          </Column>
        </Row>
      ))}
      {row("Subtotal", data.subtotal)}
      {row("Shipping", data.shipping)}
      {row("Total", data.total, true)}
    </Section>
  );
}

// A guest's receipt (and refund notice): a retail customer has no account, so
// this email and its link are all they have of the order.
export const orderReceiptEmail: MailTemplate<OrderReceiptData> = {
  subject: (data, brand) => (data.event === "paid" ? `Your receipt from ${brand.name}: order #${data.orderId}` : `Order #${data.orderId} ${data.event}`),
  Body: ({ data, brand }: { data: OrderReceiptData; brand: Brand }) => (
    <EmailLayout brand={brand} preview={data.event === "paid" ? `Paid: ${data.total}` : `${data.total} goes back to you`}>
      <Title>{data.event === "paid" ? "Thank you for your order" : `Your order was ${data.event}`}</Title>
      <Para>
        {data.event === "paid"
          ? `${data.customerName ? `${data.customerName}, we` : "We"} received your payment of ${data.total} for order #${data.orderId}, from ${data.sellerName}'s shop${data.paidAt ? ` (${data.paidAt})` : ""}.`
          : `Order #${data.orderId} was ${data.event}: ${data.total} goes back to the way you paid.`}
      </Para>
      {data.reason ? <Para>Reason: {data.reason}</Para> : null}
      <Amounts data={data} />
      {data.event === "paid" && data.address.length > 0 ? (
        <>
          <Small>Ships to:</Small>
          <Text style={{ ...cell, whiteSpace: "pre-line" }}>{data.address.join("\n")}</Text>
        </>
      ) : null}
      {data.receiptUrl ? (
        <Action brand={brand} href={data.receiptUrl}>
          See your receipt
        </Action>
      ) : (
        <Small>Your order&apos;s page is at the link you were given at checkout.</Small>
      )}
      <Small>Keep this email: the link is your key to the order (you have no account to sign in to).</Small>
    </EmailLayout>
  ),
};
