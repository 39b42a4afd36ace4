import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { queryRows } from "@/db/rows";
import { customerOrigin, orderOfReceiptToken, subscriptionOfManageToken } from "@/lib/autoship/customer";
import { getCheckoutOptions } from "@/lib/data/shop";
import { readAutoship, type AutoshipDto } from "./autoship";

// A retail customer's autoship, read with the key they hold: their order's
// receipt link, or the autoship's signed manage link (no account, no session).

/** What a paid guest order's receipt offers: to start an autoship from it, or to email its manage link again; null: nothing. */
export async function getReceiptAutoshipOffer(receiptToken: string): Promise<{ hasAutoship: boolean } | null> {
  const db = await getDb();
  const orderId = await orderOfReceiptToken(db, receiptToken);
  const origin = orderId === null ? null : await customerOrigin(db, orderId);
  if (!origin) return null;
  if (origin.subscriptionId !== null) return { hasAutoship: true };
  // Customers save their card on our demo form; with a provider that saves cards on its own page, customers' autoship is not offered yet.
  const options = await getCheckoutOptions();
  return origin.startable && options.provider === "demo" ? { hasAutoship: false } : null;
}

export interface CustomerAutoshipDto {
  autoship: AutoshipDto;
  customerName: string;
  sellerName: string;
  /** The referral shop it buys from. */
  shopCode: string;
}

/** The autoship a manage link opens (cancelled ones too, so the link still says so); null for a link that does not work (any more). */
export async function getCustomerAutoship(token: string): Promise<CustomerAutoshipDto | null> {
  if (typeof token !== "string" || token.length > 80) return null;
  const db = await getDb();
  const named = await subscriptionOfManageToken(db, token);
  if (!named) return null;
  const [autoship, [who]] = await Promise.all([
    readAutoship(db, sql`s.id = ${named.subscriptionId} and s.source_order_id = ${named.sourceOrderId}`),
    queryRows<{ customer_name: string | null; seller_name: string; shop_code: string }>(
      db,
      sql`select o.customer_name, coalesce(u.name, d.referral_code) as seller_name, d.referral_code as shop_code
          from orders o join distributors d on d.id = o.seller_id left join users u on u.id = d.user_id
          where o.id = ${named.sourceOrderId}`,
    ),
  ]);
  if (!autoship || !who) return null;
  return { autoship, customerName: who.customer_name ?? "", sellerName: who.seller_name, shopCode: who.shop_code };
}
